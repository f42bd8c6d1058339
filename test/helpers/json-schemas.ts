import { readFileSync } from 'node:fs';
import ajvModule, { type ValidateFunction } from 'ajv/dist/2020.js';

const Ajv2020 = ajvModule.default;
const schemaOf = (name: string): object => JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as object;

type DocumentKind = 'plan' | 'apply' | 'doctor';

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addSchema(schemaOf('plan.schema.json'));
ajv.addSchema(schemaOf('apply.schema.json'));
ajv.addSchema(schemaOf('doctor.schema.json'));

/** The compiled schema of a gt `-o json` document (`plan`: gt diff, `apply`: gt apply, `doctor`: gt doctor). */
export function schemaValidator(kind: DocumentKind): ValidateFunction {
  const validate = ajv.getSchema(`https://gastown.dev/schemas/gt/${kind}.schema.json`);
  if (validate === undefined) throw new Error(`no schema for ${kind}`);
  return validate;
}

/** Parses a gt `-o json` document and checks it against its schema in schemas/; throws with ajv's findings when it does not match. */
export function parseDocument(kind: DocumentKind, text: string): Record<string, unknown> {
  const validate = schemaValidator(kind);
  const document: unknown = JSON.parse(text);
  if (!validate(document)) throw new Error(`not a valid ${kind} document: ${JSON.stringify(validate.errors, null, 2)}`);
  return document as Record<string, unknown>;
}

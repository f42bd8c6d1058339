import type { ErrorObject } from 'ajv';
import { parseGoDuration } from '../lib/go-duration.js';
import { diagnostic, type DiagnosticCode } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import * as generatedValidators from './generated/validators.js';
import { formatDocPath, type PositionedDocument } from './positioned-document.js';

export type SchemaName = 'daemon' | 'rig' | 'town';

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * The schemas of schemas/, compiled to code at build time by scripts/gen-types.mjs (compiling them here cost every
 * command about 200 ms), with the options this file reads errors with: allErrors, verbose (parentSchema, data).
 */
const validators: Record<SchemaName, Validator> = generatedValidators;

/** Schema violations of one document, each at the offending node with a message saying what is allowed. */
export function schemaDiagnostics(schema: SchemaName, document: PositionedDocument): Diagnostic[] {
  const validate = validators[schema];
  if (validate(document.value)) return [];
  return (validate.errors ?? []).map((error) => toDiagnostic(error, document));
}

/**
 * One ajv error as a located diagnostic with the fix. Longer than most functions here because it is one switch with
 * a case per ajv keyword, each a message; split up, the messages would lose their shared `where`, `shown` and `report`.
 */
function toDiagnostic(error: ErrorObject, document: PositionedDocument): Diagnostic {
  const path = error.instancePath.split('/').slice(1).map(unescapePointer);
  const where = formatDocPath(path);
  const value: unknown = error.data;
  const shown = abbreviate(JSON.stringify(value));
  const definition = /definitions\/(\w+)\/[^/]+$/.exec(error.schemaPath)?.[1];
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  const report = (code: DiagnosticCode, message: string, target: 'key' | 'value' = 'value', at = path) =>
    diagnostic(code, document.locate(at, target), message);

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const container = path.length === 0 ? 'at the top level' : `in ${where}`;
      return report('GT-E020', `unknown key "${key}" ${container}; allowed keys: ${allowed.join(', ')}`, 'key', [
        ...path,
        key,
      ]);
    }
    case 'required':
      return report(
        'GT-E021',
        `${path.length === 0 ? 'the document' : where} is missing the required key "${String(error.params.missingProperty)}"`,
        'key',
      );
    case 'type':
      if (definition === 'nanoseconds') {
        const nanos = typeof value === 'string' ? parseGoDuration(value) : null;
        const hint = nanos === null ? '' : ` — write ${nanos} for ${shown}`;
        return report(
          'GT-E026',
          `${where} is ${shown}, but Gas Town reads it as a Go time.Duration: an integer number of nanoseconds (a string here makes Gas Town discard the whole file)${hint}`,
        );
      }
      return report(
        'GT-E022',
        `${where} must be ${typeWords(String(error.params.type))}, not ${typeOf(value)}${value === null ? NULL_IGNORED : ` ${shown}`}`,
      );
    case 'enum':
      return report(
        'GT-E023',
        `${where} is ${shown}; allowed values: ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      );
    case 'const':
      return report('GT-E023', `${where} must be ${JSON.stringify(error.params.allowedValue)}, not ${shown}`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return report(
        'GT-E024',
        `${where} is ${shown}; it must be ${String(error.params.comparison)} ${String(error.params.limit)}`,
      );
    case 'pattern':
    case 'maxLength':
      return patternDiagnostic(definition, where, value, description, report);
    case 'minLength':
      return report('GT-E031', `${where} must not be empty`);
    case 'uniqueItems': {
      const later = Math.max(Number(error.params.i), Number(error.params.j));
      const item = abbreviate(JSON.stringify((value as unknown[])[later]));
      return report('GT-E031', `${where} lists ${item} twice; list each entry once`, 'value', [...path, String(later)]);
    }
    default:
      return report('GT-E031', `${where} ${error.message ?? 'is invalid'}`);
  }
}

/** null where the schema does not allow it: a Go bool, string or number field, which Go's decoder leaves unchanged. */
const NULL_IGNORED = ": Gas Town's Go decoder ignores null here (null means unset only in pointer, list and map fields) — leave the key out for the default";

type Report = (code: DiagnosticCode, message: string) => Diagnostic;

function patternDiagnostic(
  definition: string | undefined,
  where: string,
  value: unknown,
  description: string | undefined,
  report: Report,
): Diagnostic {
  const text = String(value);
  const shown = abbreviate(JSON.stringify(value));
  switch (definition) {
    case 'goDuration': {
      const days = /^(\d+)d$/.exec(text);
      const hint = days === null ? '' : ` ("${Number(days[1]) * 24}h" for ${days[1]} days)`;
      return report(
        'GT-E025',
        `${where} is ${shown}, which Go's time.ParseDuration rejects: use numbers with the units ns, us, ms, s, m or h, e.g. "30m", "1h30m", "168h"${hint}`,
      );
    }
    case 'maintenanceInterval':
      return report(
        'GT-E025',
        `${where} is ${shown}: use "daily", "weekly", "monthly" or a Go duration such as "12h" (units ns, us, ms, s, m, h)`,
      );
    case 'clockTime':
      return report(
        'GT-E027',
        `${where} is ${shown}: use a local time of day "HH:MM" from 00:00 to 23:59, e.g. "03:00"`,
      );
    case 'clockWindow':
      return report(
        'GT-E027',
        `${where} is ${shown}: use a local time window "HH:MM-HH:MM" with times from 00:00 to 23:59, e.g. "03:00-05:00" (it may cross midnight: "22:00-02:00")`,
      );
    case 'name': {
      const suggestion = text
        .toLowerCase()
        .replace(/[^a-z0-9_]+/g, '_')
        .slice(0, 64);
      const hint = suggestion !== '' && suggestion !== text ? `, e.g. "${suggestion}"` : '';
      return report(
        'GT-E028',
        `${where} is ${shown}: names use only lowercase letters, digits and underscores, at most 64 characters${hint}`,
      );
    }
    case 'prefix': {
      const hint = /-+$/.test(text) ? ` — write "${abbreviate(text.replace(/-+$/, ''))}"` : '';
      return report(
        'GT-E029',
        `${where} is ${shown}: a beads prefix uses lowercase letters, digits, "-" and "_", starts and ends with a letter or digit and has no trailing hyphen${hint}`,
      );
    }
    case 'portString':
      return report('GT-E047', `${where} is ${shown}: use a port number from 1024 to 65535 as a string, e.g. "3308"`);
    case 'remoteName':
      return report(
        'GT-E030',
        `${where} is ${shown}: a remote name uses only letters, digits, "_" and "-" (e.g. "origin", "backup_1")`,
      );
    default:
      return report(
        'GT-E031',
        `${where} is ${shown}${description === undefined ? ', which the schema does not allow' : `; expected: ${description}`}`,
      );
  }
}

/** A quoted config value short enough for a one-line message (values are untrusted and may be megabytes long). */
function abbreviate(text: string | undefined): string {
  if (text === undefined) return 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function typeWords(types: string): string {
  const words: Record<string, string> = {
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'true or false',
    object: 'an object (key: value mapping)',
    array: 'a list',
    null: 'null',
  };
  return types
    .split(',')
    .map((type) => words[type] ?? type)
    .join(' or ');
}

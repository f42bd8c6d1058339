import { runGt } from '../../helpers/gt.js';
import { parseDocument } from '../../helpers/json-schemas.js';
import { makeTown, type RigSpec, type TestTown } from '../../helpers/town.js';

/** The parts of `gt doctor -o json` these tests read (the schema checks the whole document). */
export interface DoctorCheckJson {
  id: string;
  status: string;
  summary: string;
  findings: { subject: string; message: string; details: Record<string, unknown> & { pid?: number; class?: string } }[];
}

export interface DoctorJson {
  status: string;
  checks: DoctorCheckJson[];
  fixes: { actions: { id: string; kind: string }[]; blocked: { id: string; hint: string }[] };
  results?: { fix: { id: string; pid?: number }; status: string; message: string }[];
}

export interface DoctorRun {
  exitCode: number;
  document: DoctorJson;
  check(id: string): DoctorCheckJson;
}

/** `gt doctor -o json` on the town as a whole process, its document validated against schemas/doctor.schema.json. */
export async function runDoctor(town: TestTown, ...flags: string[]): Promise<DoctorRun> {
  const result = await runGt(['doctor', '--town', town.root, '-o', 'json', ...flags]);
  const document = parseDocument('doctor', result.stdout) as unknown as DoctorJson;
  const check = (id: string): DoctorCheckJson => {
    const found = document.checks.find((candidate) => candidate.id === id);
    if (found === undefined) throw new Error(`no check ${id}`);
    return found;
  };
  return { exitCode: result.exitCode, document, check };
}

/** A town with these rigs, converged by gt apply before the tests of the enclosing describe, its server stopped after. */
export function appliedTown(rigs: RigSpec[]): () => TestTown {
  let town: TestTown | undefined;
  beforeAll(async () => {
    town = await makeTown(rigs);
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await town?.stopServer();
  });
  return () => {
    if (town === undefined) throw new Error('the town is made in beforeAll');
    return town;
  };
}

import { painter, type Paint, type Style } from '../lib/paint.js';
import type { BlockedFix, CheckGroup, CheckStatus, DoctorCheck, DoctorFix, DoctorReport, Finding, FindingLevel, FixResult } from './doctor-types.js';

/** gt doctor's report as text and as JSON (`schemas/doctor.schema.json`). */

const GROUP_TITLES: Record<CheckGroup, string> = { servers: 'Servers', databases: 'Databases', files: 'Files', growth: 'Growth' };
const STATUS_MARK: Record<CheckStatus, [string, Style]> = { ok: ['✓', 'green'], warning: ['!', 'yellow'], error: ['✗', 'red'], skipped: ['-', 'dim'] };
const LEVEL_MARK: Record<FindingLevel, [string, Style]> = { info: ['·', 'dim'], warning: ['!', 'yellow'], error: ['✗', 'red'] };
const VERB_MARK: Record<DoctorFix['verb'], string> = { stop: '-', remove: '-', write: '~', move: '~' };

function renderFinding(paint: Paint, finding: Finding): string {
  const [mark, style] = LEVEL_MARK[finding.level];
  return `      ${paint(style, mark)} ${finding.subject}: ${finding.message}`;
}

/**
 * A check's line; for one that is not ok, its findings (those that only repeat the summary left out) and its fix.
 * Foreign servers share one line: a machine running other towns or test suites has dozens, never this town's.
 */
function renderCheck(paint: Paint, check: DoctorCheck, width: number): string[] {
  const [mark, style] = STATUS_MARK[check.status];
  const lines = [`  ${paint(style, mark)} ${check.id.padEnd(width)}  ${check.summary}`];
  if (check.status === 'ok' || check.status === 'skipped') return lines;
  const shown = check.findings.filter((finding) => finding.message !== check.summary);
  const foreign = shown.filter((finding) => finding.details.class === 'foreign');
  lines.push(...shown.filter((finding) => !foreign.includes(finding)).map((finding) => renderFinding(paint, finding)));
  if (foreign.length > 0) {
    const pids = foreign.map((finding) => finding.details.pid).join(', ');
    lines.push(`      ${paint('dim', LEVEL_MARK.info[0])} foreign, never touched: PID ${pids} (other towns' or outside this one; -o json has each)`);
  }
  if (check.fix !== null) lines.push(`      ${paint('dim', `fix: ${check.fix}`)}`);
  return lines;
}

function fixValues(fix: DoctorFix): string {
  switch (fix.kind) {
    case 'stop-server':
      return `SIGTERM, wait ${Math.round(fix.graceMs / 1000)} s${fix.kill ? ', then SIGKILL' : ''}`;
    case 'port-file':
    case 'metadata-port':
      return `port ${fix.before} → ${fix.after}`;
    case 'pid-file':
    case 'state-file':
      return fix.after === null ? `PID ${fix.before ?? 'none'} → stopped` : `PID ${fix.before ?? 'none'} → ${fix.after}`;
    case 'incomplete-directory':
      return `→ .dolt-data/.gt-incomplete/`;
  }
}

function renderFix(paint: Paint, fix: DoctorFix, result?: FixResult): string[] {
  const head = `  ${paint(fix.verb === 'stop' ? 'red' : 'yellow', `${VERB_MARK[fix.verb]} ${fix.verb.padEnd(6)} ${fix.id}`)}`;
  const outcome = result === undefined ? '' : result.status === 'done' ? paint('green', ` done: ${result.message}`) : paint('red', ` FAILED: ${result.message}`);
  return [`${head}  ${fixValues(fix)}${outcome}`, `        ${paint('dim', `# ${fix.reason}`)}`];
}

function renderBlocked(paint: Paint, blocked: BlockedFix): string[] {
  return [`  ${paint('red', `! blocked ${blocked.id}`)}`, `        ${paint('dim', `# ${blocked.reason}`)}`, `        → ${blocked.hint}`];
}

function counts(checks: readonly DoctorCheck[]): Record<CheckStatus, number> {
  const tally: Record<CheckStatus, number> = { ok: 0, warning: 0, error: 0, skipped: 0 };
  for (const check of checks) tally[check.status]++;
  return tally;
}

function summaryLine(paint: Paint, checks: readonly DoctorCheck[]): string {
  const tally = counts(checks);
  const parts = [
    tally.error > 0 ? paint('red', `${tally.error} error${tally.error === 1 ? '' : 's'}`) : null,
    tally.warning > 0 ? paint('yellow', `${tally.warning} warning${tally.warning === 1 ? '' : 's'}`) : null,
    `${tally.ok} ok`,
    tally.skipped > 0 ? `${tally.skipped} skipped` : null,
  ];
  return parts.filter((part) => part !== null).join(', ');
}

/**
 * The checks by group, then the fixes: what `gt doctor --fix` would do, or with `results` (after --fix, when the
 * report is the town checked again) what it did; then what it will not do without another flag or condition.
 */
export function renderDoctorText(report: DoctorReport, color: boolean, results?: readonly FixResult[]): string {
  const paint = painter(color);
  const width = Math.max(...report.checks.map((check) => check.id.length));
  const lines: string[] = [];
  for (const group of Object.keys(GROUP_TITLES) as CheckGroup[]) {
    const checks = report.checks.filter((check) => check.group === group);
    if (checks.length === 0) continue;
    lines.push(paint('bold', GROUP_TITLES[group]), ...checks.flatMap((check) => renderCheck(paint, check, width)));
  }
  const { actions, blocked } = report.plan;
  if (results !== undefined) {
    lines.push('', paint('bold', results.length === 0 ? 'Fixed: nothing gt doctor --fix could fix' : 'Fixed (the checks above are from after):'));
    lines.push(...results.flatMap((result) => renderFix(paint, result.fix, result)));
  }
  if (actions.length > 0) {
    const title = results === undefined ? 'gt doctor --fix would:' : 'Still to fix (gt doctor --fix again):';
    lines.push('', paint('bold', title), ...actions.flatMap((fix) => renderFix(paint, fix)));
  }
  if (blocked.length > 0) lines.push('', paint('bold', 'Not fixed:'), ...blocked.flatMap((entry) => renderBlocked(paint, entry)));
  lines.push('', summaryLine(paint, report.checks));
  return `${lines.join('\n')}\n`;
}

/**
 * The document of `gt doctor -o json`: the checks, and the fixes `gt doctor --fix` would make now. After --fix, the
 * checks and fixes are those of the town checked again, and `results` says what each executed fix did.
 */
export function doctorDocument(town: string, report: DoctorReport, results?: readonly FixResult[]): Record<string, unknown> {
  return {
    version: 1,
    town,
    status: report.status,
    counts: counts(report.checks),
    checks: report.checks,
    fixes: report.plan,
    ...(results === undefined ? {} : { results }),
  };
}

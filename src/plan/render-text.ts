import { painter, type Paint, type Style } from '../lib/paint.js';
import { summarizePlan, symbolOf, type ChangeSymbol } from './summary.js';
import type { Action, BlockedChange, Plan } from './types.js';

const SYMBOL_STYLE: Record<ChangeSymbol, Style> = { '+': 'green', '~': 'yellow', '-': 'red' };
const INDENT = '      ';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(([key, inner]) => `${key}: ${formatValue(inner)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** Before → after: one line per changed key when both sides are objects, else one line. */
function valueLines(before: unknown, after: unknown): string[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(after), ...Object.keys(before)]);
    return [...keys]
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      .map((key) => `${key}: ${formatValue(before[key])} → ${formatValue(after[key])}`);
  }
  if (before === null) return [formatValue(after)];
  if (after === null) return [formatValue(before)];
  return [`${formatValue(before)} → ${formatValue(after)}`];
}

/** What changes: lifecycle and sync work say it in one line, every other kind shows before → after. */
function changeLines(action: Action): string[] {
  if (action.kind === 'decay' || action.kind === 'compaction' || action.kind === 'push' || action.kind === 'backup-sync' || action.kind === 'ledger') return [action.summary];
  // a new Gas Town file is listed field by field, as the fields an edit changes are
  if (action.kind === 'town-file' && action.before === null) return valueLines({}, action.after);
  return valueLines(action.before, action.after);
}

function heading(paint: Paint, symbol: string, style: Style, verb: string, id: string): string {
  return `  ${paint(style, `${symbol} ${verb.padEnd(7)} ${id}`)}`;
}

function renderAction(paint: Paint, action: Action): string[] {
  const symbol = symbolOf(action.verb);
  const flags = [
    action.destructive ? paint('red', '[destructive]') : null,
    action.needsRestart ? paint('yellow', '[needs restart]') : null,
  ].filter((flag) => flag !== null);
  return [
    [heading(paint, symbol, SYMBOL_STYLE[symbol], action.verb, action.id), ...flags].join('  '),
    ...changeLines(action).map((line) => `${INDENT}${line}`),
    `${INDENT}${paint('dim', `# ${action.reason}`)}`,
  ];
}

/** One heading per blocked resource, then each cause with what the operator can do about it. */
function renderBlocked(paint: Paint, blocked: BlockedChange[]): string[] {
  const lines: string[] = [];
  blocked.forEach((change, index) => {
    const previous = blocked[index - 1];
    if (previous?.id !== change.id || previous.verb !== change.verb) {
      lines.push(heading(paint, '!', 'red', change.verb, change.id));
    }
    lines.push(`${INDENT}${paint('dim', `# ${change.reason}`)}`, `${INDENT}→ ${change.hint}`);
  });
  return lines;
}

function summaryLine(plan: Plan): string {
  if (plan.errors.length > 0) return 'No plan: gt will not act on this town until the errors above are resolved.';
  const summary = summarizePlan(plan);
  if (plan.actions.length === 0 && summary.blocked === 0) return 'No changes. The town matches its config.';
  const counts = `Plan: ${summary.create} to create, ${summary.update} to update, ${summary.delete} to delete.`;
  return summary.blocked > 0 ? `${counts} ${summary.blocked} blocked.` : counts;
}

/** The plan in the style of `terraform plan` / `kubectl diff`; colour only when `color` is true. */
export function renderPlanText(plan: Plan, color: boolean): string {
  const paint = painter(color);
  const sections: string[][] = [];
  if (plan.errors.length > 0) {
    sections.push(plan.errors.map((error) => `${paint('red', `Error (${error.code}):`)} ${error.message}`));
  }
  if (plan.actions.length > 0) {
    sections.push(['gt will make these changes, in this order:', '', ...plan.actions.flatMap((a) => renderAction(paint, a))]);
  }
  if (plan.blocked.length > 0) {
    sections.push(['Blocked: the config asks for these, but gt will not make them under the current flags:', '', ...renderBlocked(paint, plan.blocked)]);
  }
  if (plan.unmanaged.length > 0) {
    sections.push([
      'Unmanaged databases: they exist, but no config declares them; gt never touches them:',
      ...plan.unmanaged.map((name) => `  ${paint('cyan', name)}`),
    ]);
  }
  if (plan.notes.length > 0) sections.push(plan.notes.map((note) => `Note: ${note}`));
  sections.push([paint('bold', summaryLine(plan))]);
  return `${sections.map((section) => section.join('\n')).join('\n\n')}\n`;
}

/** Place-name endings Gas Town splits a single word on: "gastown" → "gas" + "town". */
const COMPOUND_SUFFIXES = ['town', 'ville', 'port', 'place', 'land', 'field', 'wood', 'ford'];

/** "myProject" → ["my", "Project"], "HTMLParser" → ["HTML", "Parser"]. */
function splitCamelCase(word: string): string[] {
  const parts: string[] = [];
  let start = 0;
  const isUpper = (c: string | undefined): boolean => c !== undefined && c !== c.toLowerCase();
  const isLower = (c: string | undefined): boolean => c !== undefined && c !== c.toUpperCase();
  for (let i = 1; i < word.length; i++) {
    if (isLower(word[i - 1]) && isUpper(word[i])) {
      parts.push(word.slice(start, i));
      start = i;
    }
    if (i >= 2 && isUpper(word[i - 1]) && isUpper(word[i - 2]) && isLower(word[i])) {
      parts.push(word.slice(start, i - 1));
      start = i - 1;
    }
  }
  parts.push(word.slice(start));
  return parts;
}

function splitCompoundWord(word: string): string[] {
  const lower = word.toLowerCase();
  const suffix = COMPOUND_SUFFIXES.find((s) => lower.endsWith(s) && lower.length > s.length);
  return suffix === undefined ? [lower] : [lower.slice(0, -suffix.length), suffix];
}

/**
 * The beads prefix Gas Town derives from a rig name (`deriveBeadsPrefix`, used by `gt rig add`): the first
 * letter of each word ("gas_town" and "gastown" → "gt", "my_project" → "mp"), else a short word whole ("foo") or the
 * first two letters of a longer one ("wyvern" → "wy").
 */
export function deriveBeadsPrefix(rigName: string): string {
  const name = rigName.replace(/-py$/, '').replace(/-go$/, '');
  let parts = name.split(/[-_]/).filter((part) => part !== '');
  if (parts.length === 1) {
    const camel = splitCamelCase(parts[0] as string);
    parts = camel.length >= 2 ? camel : splitCompoundWord(parts[0] as string);
  }
  if (parts.length >= 2) return parts.map((part) => part[0]).join('').toLowerCase();
  return (name.length <= 3 ? name : name.slice(0, 2)).toLowerCase();
}

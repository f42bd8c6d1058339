/** A value JSON can hold: what config files parse to and plans print. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** A JSON object: what a Gas Town JSON file holds at its top. */
export type JsonObject = { [key: string]: JsonValue };

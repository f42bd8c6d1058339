/** A value JSON can hold: what config files parse to and plans print. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

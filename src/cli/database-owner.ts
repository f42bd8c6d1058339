/** Who owns a database, as status, dolt status and dolt list print it: `town` (hq), `rig NAME`, or `unmanaged`. */
export function ownerLabel(database: { managed: boolean; rig: string | null }): string {
  if (!database.managed) return 'unmanaged';
  return database.rig === 'hq' ? 'town' : `rig ${database.rig ?? '?'}`;
}

import type { Action } from './types.js';

type WithoutRealUrls<T> = T extends unknown ? Omit<T, 'fromUrl' | 'toUrl'> : never;

/** An action as every printed document shows it: without a remote's real URLs (before/after hold the masked ones). */
export type PrintableAction = WithoutRealUrls<Action>;

/** The one projection of an action into gt's JSON documents (gt diff -o json, gt apply -o json). */
export function printable(action: Action): PrintableAction {
  if (action.kind !== 'remote') return action;
  const { fromUrl: _fromUrl, toUrl: _toUrl, ...shown } = action;
  return shown as PrintableAction;
}

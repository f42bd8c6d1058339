import type {
  Action,
  BackupAction,
  BackupCreateAction,
  BackupDeleteAction,
  BackupUpdateAction,
  RemoteAction,
  RemoteCreateAction,
  RemoteDeleteAction,
  RemoteUpdateAction,
} from './types.js';

/** An action as every printed document shows it: without a remote's or backup's real URLs (before/after hold the masked ones). */
export type PrintableAction =
  | Exclude<Action, RemoteAction | BackupAction>
  | Omit<RemoteCreateAction, 'toUrl'>
  | Omit<RemoteUpdateAction, 'fromUrl' | 'toUrl'>
  | Omit<RemoteDeleteAction, 'fromUrl'>
  | Omit<BackupCreateAction, 'toUrl'>
  | Omit<BackupUpdateAction, 'fromUrl' | 'toUrl'>
  | Omit<BackupDeleteAction, 'fromUrl'>;

/** The one projection of an action into gt's JSON documents (gt diff -o json, gt apply -o json). */
export function printable(action: Action): PrintableAction {
  if (action.kind !== 'remote' && action.kind !== 'backup') return action;
  switch (action.verb) {
    case 'create': {
      const { toUrl: _toUrl, ...shown } = action;
      return shown;
    }
    case 'update': {
      const { fromUrl: _fromUrl, toUrl: _toUrl, ...shown } = action;
      return shown;
    }
    case 'delete': {
      const { fromUrl: _fromUrl, ...shown } = action;
      return shown;
    }
  }
}

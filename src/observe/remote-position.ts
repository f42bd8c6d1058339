import type { RemotePosition } from './observed.js';

/** The heights (dolt_log's commit_order) one statement read for a database and a remote whose main differs. */
export interface PositionHeights {
  /** main's head. */
  head: number;
  /** The remote's main, when main's history contains it; null when it does not. */
  trackedOnMain: number | null;
  /** The remote's main; null when it has no remote-tracking ref. */
  tracked: number | null;
  /** main's head as the snapshot saw it, when the remote's history contains it; null when it does not. */
  mainOnTracked: number | null;
}

/**
 * Pure: where a remote stands, from main's head hash, the remote-tracking ref's hash (null: none) and, when they differ,
 * the heights. Equal hashes need no heights: the no-op case reads nothing more.
 */
export function remotePosition(main: string, tracked: string | null, heights: PositionHeights | null): RemotePosition {
  if (tracked === main) return { state: 'even', remoteHead: main };
  if (tracked === null) return { state: 'untracked', commits: heights?.head ?? 0 };
  if (heights === null) return { state: 'diverged', remoteHead: tracked };
  if (heights.trackedOnMain !== null) return { state: 'ahead', ahead: Math.max(1, heights.head - heights.trackedOnMain), remoteHead: tracked };
  if (heights.mainOnTracked !== null && heights.tracked !== null) {
    return { state: 'behind', behind: Math.max(1, heights.tracked - heights.mainOnTracked), remoteHead: tracked };
  }
  return { state: 'diverged', remoteHead: tracked };
}

/** `remotes/origin/main` → `origin`; null for a ref of another branch. */
export function remoteOfTrackingRef(ref: string): string | null {
  const match = /^remotes\/(.+)\/main$/.exec(ref);
  return match?.[1] ?? null;
}

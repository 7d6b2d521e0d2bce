import type { MatchParts, NeedStatus } from '../../api/types';

/** open → matched → closed, and back to open from matched (the contract's NeedTransition). */
export function needMoves(status: NeedStatus): NeedStatus[] {
  if (status === 'open') return ['matched'];
  if (status === 'matched') return ['closed', 'open'];
  return [];
}

export const NEED_STATUS_COLOR: Record<NeedStatus, string> = { open: 'blue', matched: 'green', closed: 'default' };

/** The most each part can add (load can only take away, down to −15). */
export const PART_MAX: Record<keyof MatchParts, number> = {
  type_fit: 40,
  region: 20,
  east_west: 15,
  capacity: 10,
  track_record: 10,
  load: 0,
};

export const PART_ORDER = ['type_fit', 'region', 'east_west', 'capacity', 'track_record', 'load'] as const satisfies readonly (keyof MatchParts)[];

/** "+40", "0", "−6" */
export function signedPoints(n: number): string {
  if (n > 0) return `+${n}`;
  if (n < 0) return `−${Math.abs(n)}`;
  return '0';
}

import type { Role } from '../api/types';
import type { MenuEntry } from './feature';
import { MENU } from './features';

export type { MenuEntry };
export { MENU };

/** The menu entries a role may use. */
export function menuFor(role: Role): MenuEntry[] {
  return MENU.filter((m) => m.visible(role));
}

/** Which entry a location belongs to (/counties/513431 → counties). */
export function selectedKey(pathname: string): string | undefined {
  return MENU.find((m) => pathname === m.path || pathname.startsWith(`${m.path}/`))?.key;
}

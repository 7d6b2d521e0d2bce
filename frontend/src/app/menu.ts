import type { Role } from '../api/types';
import type { MenuEntry, MenuGroup } from './feature';
import { MENU } from './features';

export type { MenuEntry, MenuGroup };
export { MENU };

/** The menu entries a role may use. */
export function menuFor(role: Role): MenuEntry[] {
  return MENU.filter((m) => m.visible(role));
}

/**
 * Which entry a location belongs to (/counties/513431 → counties): the longest path that holds
 * it, so an entry under another (/scoring/ties under /scoring) is selected on its own pages.
 */
export function selectedKey(pathname: string): string | undefined {
  const holds = (path: string) => pathname === path || pathname.startsWith(`${path}/`);
  return MENU.filter((m) => holds(m.path)).sort((a, b) => b.path.length - a.path.length)[0]?.key;
}

/** A line of the side menu: an entry, or a submenu holding entries in their order. */
export type MenuLine = { entry: MenuEntry } | { group: MenuGroup; entries: MenuEntry[] };

/** The menu as the shell draws it: grouped entries gathered into their submenu, placed at its first entry. */
export function menuLines(entries: readonly MenuEntry[]): MenuLine[] {
  const lines: MenuLine[] = [];
  for (const entry of entries) {
    if (!entry.group) {
      lines.push({ entry });
      continue;
    }
    const key = entry.group.key;
    const line = lines.find((l) => 'group' in l && l.group.key === key);
    if (line && 'group' in line) line.entries.push(entry);
    else lines.push({ group: entry.group, entries: [entry] });
  }
  return lines;
}

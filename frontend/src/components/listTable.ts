// How a list's table is shown — density, hidden columns, rows per page — as its user last set
// it, kept in this browser's local storage per list. The filters live in the URL (listView.ts);
// these are display choices, which a link should not carry.

import { useState } from 'react';
import { readStorage, writeStorage } from './storage';
import { useCursorPager } from './useCursorPager';

export const DENSITIES = ['large', 'medium', 'small'] as const;
export type Density = (typeof DENSITIES)[number];

/**
 * The page sizes offered. The lists page by keyset (a cursor per page), so a page size is the
 * `limit` of each call; there is no "jump to page 7" without reading pages 1–6 first.
 */
export const PAGE_SIZES = [20, 50, 100] as const;

export interface TableSettings {
  density: Density;
  /** The columns the user hid; absent until they choose (恢复默认列 forgets it again). */
  hidden?: string[];
  pageSize: number;
}

const KEY = 'zhuxiang:table:';

export function readTableSettings(list: string, pageSize: number): TableSettings {
  const fallback: TableSettings = { density: 'medium', pageSize };
  try {
    const raw: unknown = JSON.parse(readStorage(KEY + list) ?? '{}');
    if (typeof raw !== 'object' || raw === null) return fallback;
    const r = raw as Record<string, unknown>;
    return {
      density: DENSITIES.find((d) => d === r.density) ?? fallback.density,
      hidden: Array.isArray(r.hidden) ? r.hidden.filter((k): k is string => typeof k === 'string') : undefined,
      pageSize: PAGE_SIZES.find((s) => s === r.pageSize) ?? fallback.pageSize,
    };
  } catch {
    return fallback;
  }
}

/** What a list page holds for its `ListTable`: the settings, and the pager its query reads. */
export interface ListTableState {
  list: string;
  settings: TableSettings;
  change: (patch: Partial<TableSettings>) => void;
  /** Set for a list the server pages by keyset; without it every row is loaded and paged here. */
  pager?: ReturnType<typeof useCursorPager>;
  /** The query's `limit` and `cursor` for this page. */
  limit: number;
  cursor: string | undefined;
}

/**
 * The state of one list's table. `keyset` is the list's filters (as a string) for a list the
 * server pages by cursor: a change of filters or of page size starts again at the first page.
 * Leave it out for a list that arrives whole (campaigns, tokens).
 */
export function useListTable(list: string, keyset?: string, defaultPageSize: number = PAGE_SIZES[0]): ListTableState {
  const [settings, setSettings] = useState(() => readTableSettings(list, defaultPageSize));
  const pager = useCursorPager(`${keyset ?? ''}|${settings.pageSize}`);
  const change = (patch: Partial<TableSettings>) => {
    const next = { ...settings, ...patch };
    writeStorage(KEY + list, JSON.stringify(next));
    setSettings(next);
  };
  return {
    list,
    settings,
    change,
    pager: keyset === undefined ? undefined : pager,
    limit: settings.pageSize,
    cursor: keyset === undefined ? undefined : (pager.cursor ?? undefined),
  };
}

// ---- export of the selected rows: a CSV written here ---------------------------------------------

/** Cells a spreadsheet would run as a formula are made text, as the server's exports do. */
function neutralize(cell: string): string {
  // a number as shown (-1,200.50) stays a number
  if (/^-?[\d,]+(\.\d+)?$/.test(cell)) return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string): string {
  const safe = neutralize(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV Excel opens as UTF-8 (the byte order mark) with Chinese headers intact. */
export function toCsv(header: string[], rows: string[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

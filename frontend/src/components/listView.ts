// What a list opens with. Coordinators work in their own area day after day: a list reached
// without filters in its URL (from the menu) opens with the filters the user last set on it or,
// on a first visit, with the user's own area — a province's officer their province, a county's
// officer their county, an organization's member their organization. The filter controls show
// it and clear it like any other filter, which widens the list where the role may see more.
// Users can also keep named sets of filters (常用筛选) per list. All of it lives in this
// browser's local storage, per user.

import { useCallback, useEffect } from 'react';
import { useSearchParams, type SetURLSearchParams } from 'react-router';
import { readStorage, writeStorage } from './storage';
import type { User } from '../api/types';

export type ListName = 'projects' | 'pairings' | 'needs' | 'coverage';

const LAST = 'zhuxiang:list:';
const SAVED = 'zhuxiang:views:';

/** Which filter holds which part of a user's area on a list; a list without one leaves it out. */
export interface AreaFilters {
  province?: string;
  county?: string;
  organization?: string;
}

/** The filters of the user's own area, on a list that filters by `keys`. */
export function areaDefaults(user: Pick<User, 'role' | 'province_code' | 'county_code' | 'organization_id'>, keys: AreaFilters): Record<string, string> {
  const pick = (key: string | undefined, value: string | null | undefined) => (key && value ? { [key]: value } : {});
  switch (user.role) {
    case 'provincial_officer':
      return pick(keys.province, user.province_code);
    case 'county_officer':
      // a page without a county filter (coverage) opens on the county's province
      return keys.county ? pick(keys.county, user.county_code) : pick(keys.province, user.province_code);
    case 'org_member':
      return pick(keys.organization, user.organization_id);
    default:
      return {};
  }
}

/**
 * The list's URL filters, with the arrival rule above. Only filters set on the list itself (the
 * returned setter) are remembered: a dashboard's drill-down (本年落地, 待确认落地) shows its
 * filters without becoming the list's usual ones. Use in place of `useSearchParams`.
 */
export function useListView(list: ListName, userId: string, defaults: Record<string, string>): [URLSearchParams, SetURLSearchParams] {
  const [params, setParams] = useSearchParams();
  const key = `${LAST}${userId}:${list}`;
  // a visit without filters in the URL (the menu, a bare link) opens on the last ones, or the area
  const arrival = params.toString() === '' ? (readStorage(key) ?? new URLSearchParams(defaults).toString()) : '';
  // until the URL says them (one replace), the page already reads them: it never asks for the
  // whole country first
  useEffect(() => {
    if (arrival) setParams(new URLSearchParams(arrival), { replace: true });
  }, [arrival, setParams]);

  const remember = useCallback<SetURLSearchParams>(
    (next, options) => {
      if (next instanceof URLSearchParams) writeStorage(key, next.toString());
      setParams(next, options);
    },
    [key, setParams],
  );

  return [arrival ? new URLSearchParams(arrival) : params, remember];
}

/** A named set of filters, kept for one user and list. */
export interface SavedView {
  name: string;
  search: string;
}

function savedKey(userId: string, list: ListName): string {
  return `${SAVED}${userId}:${list}`;
}

export function savedViews(userId: string, list: ListName): SavedView[] {
  try {
    const raw: unknown = JSON.parse(readStorage(savedKey(userId, list)) ?? '[]');
    return Array.isArray(raw) ? raw.filter((v): v is SavedView => typeof v?.name === 'string' && typeof v?.search === 'string') : [];
  } catch {
    return [];
  }
}

/** Saves the view under its name, replacing one of the same name; newest first. */
export function saveView(userId: string, list: ListName, view: SavedView): SavedView[] {
  const views = [view, ...savedViews(userId, list).filter((v) => v.name !== view.name)];
  writeStorage(savedKey(userId, list), JSON.stringify(views));
  return views;
}

export function deleteView(userId: string, list: ListName, name: string): SavedView[] {
  const views = savedViews(userId, list).filter((v) => v.name !== name);
  writeStorage(savedKey(userId, list), JSON.stringify(views));
  return views;
}

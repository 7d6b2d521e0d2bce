import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, useSearchParams } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { areaDefaults, deleteView, saveView, savedViews, useListView } from './listView';

afterEach(() => localStorage.clear());

const AREA = { province: 'province', county: 'county', organization: 'organization' };

describe('areaDefaults', () => {
  it('is the user’s own area, on the lists that filter by it', () => {
    expect(areaDefaults({ role: 'provincial_officer', province_code: '510000' }, AREA)).toEqual({ province: '510000' });
    expect(areaDefaults({ role: 'county_officer', county_code: '513431', province_code: '510000' }, AREA)).toEqual({ county: '513431' });
    expect(areaDefaults({ role: 'org_member', organization_id: 'o1' }, AREA)).toEqual({ organization: 'o1' });
    expect(areaDefaults({ role: 'org_member', organization_id: 'o1' }, { county: 'county' })).toEqual({});
    expect(areaDefaults({ role: 'county_officer', county_code: '513431', province_code: '510000' }, { province: 'province' })).toEqual({ province: '510000' });
    expect(areaDefaults({ role: 'national_admin' }, AREA)).toEqual({});
    expect(areaDefaults({ role: 'viewer' }, AREA)).toEqual({});
  });
});

describe('saved views', () => {
  it('are kept per user and list, newest first, one per name', () => {
    saveView('u1', 'projects', { name: '对接中', search: 'status=docking' });
    saveView('u1', 'projects', { name: '本省', search: 'province=510000' });
    saveView('u1', 'projects', { name: '对接中', search: 'status=docking&province=510000' });
    expect(savedViews('u1', 'projects')).toEqual([
      { name: '对接中', search: 'status=docking&province=510000' },
      { name: '本省', search: 'province=510000' },
    ]);
    expect(savedViews('u2', 'projects')).toEqual([]);
    expect(savedViews('u1', 'pairings')).toEqual([]);
    expect(deleteView('u1', 'projects', '本省')).toEqual([{ name: '对接中', search: 'status=docking&province=510000' }]);
    localStorage.setItem('zhuxiang:views:u1:needs', 'not json');
    expect(savedViews('u1', 'needs')).toEqual([]);
  });
});

/** Renders the hook on a list route reached at `url`; returns what it gives and the URL. */
function onList(url: string) {
  const seen = { url: '' };
  function Probe({ children }: { children: ReactNode }) {
    const [params] = useSearchParams();
    seen.url = params.toString();
    return children;
  }
  const wrapper = ({ children }: { children: ReactNode }) => {
    const router = createMemoryRouter([{ path: '/projects', element: <Probe>{children}</Probe> }], { initialEntries: [url] });
    return <RouterProvider router={router} />;
  };
  const rendered: string[] = [];
  const hook = renderHook(
    () => {
      const view = useListView('projects', 'u1', { province: '510000' });
      rendered.push(view[0].toString());
      return view;
    },
    { wrapper },
  );
  return { hook, seen, rendered };
}

describe('useListView', () => {
  it('opens on the user’s area when the URL has no filters, without a first look at the whole country', () => {
    const { hook, seen, rendered } = onList('/projects');
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.every((search) => search === 'province=510000')).toBe(true);
    expect(hook.result.current[0].toString()).toBe('province=510000');
    expect(seen.url).toBe('province=510000');
  });

  it('opens on the last filters instead, even when they are none at all', () => {
    localStorage.setItem('zhuxiang:list:u1:projects', '');
    const { hook, seen } = onList('/projects');
    expect(hook.result.current[0].toString()).toBe('');
    expect(seen.url).toBe('');
  });

  it('keeps a URL that has filters without making them the usual ones, and remembers what the list sets', () => {
    localStorage.setItem('zhuxiang:list:u1:projects', 'status=docking');
    const { hook } = onList('/projects?landed_year=2026');
    expect(hook.result.current[0].toString()).toBe('landed_year=2026');
    expect(localStorage.getItem('zhuxiang:list:u1:projects')).toBe('status=docking');
    act(() => hook.result.current[1](new URLSearchParams('status=signed')));
    expect(localStorage.getItem('zhuxiang:list:u1:projects')).toBe('status=signed');
    expect(hook.result.current[0].toString()).toBe('status=signed');
  });
});

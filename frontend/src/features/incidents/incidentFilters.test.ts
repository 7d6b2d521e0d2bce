import { describe, expect, it } from 'vitest';
import { filtersFromSearch, filtersToSearch, incidentListQuery, isFiltered, scopeOf, withScope } from './incidentFilters';

describe('the incidents list’s filters in the URL', () => {
  it('read what they know and drop what they do not', () => {
    const f = filtersFromSearch(new URLSearchParams('open=true&severity=high&kind=safety&status=bogus&q=%20食堂%20&organization=o1&x=1'));
    expect(f).toEqual({ open: true, severity: 'high', kind: 'safety', q: '食堂', organization: 'o1' });
  });

  it('come back as the same URL', () => {
    const search = 'q=%E9%A3%9F%E5%A0%82&open=false&status=closed&severity=critical&kind=dispute&county=513431&project=p1';
    expect(filtersFromSearch(filtersToSearch(filtersFromSearch(new URLSearchParams(search))))).toEqual(filtersFromSearch(new URLSearchParams(search)));
    expect(filtersToSearch({ open: false, severity: 'low' }).toString()).toBe('open=false&severity=low');
  });

  it('say the scope 全部 / 未结 / 已结 and drop a status outside a new one', () => {
    expect(scopeOf({})).toBe('all');
    expect(scopeOf({ open: true })).toBe('open');
    expect(scopeOf({ open: false })).toBe('done');
    expect(withScope({ status: 'closed', kind: 'safety' }, 'open')).toEqual({ open: true, status: undefined, kind: 'safety' });
    expect(withScope({ status: 'handling' }, 'open')).toEqual({ open: true, status: 'handling' });
    expect(withScope({ open: true, status: 'handling' }, 'all')).toEqual({ open: undefined, status: 'handling' });
  });

  it('ask a counted page of the list', () => {
    expect(incidentListQuery({ severity: 'high' }, 'c2', 50)).toEqual({ severity: 'high', limit: 50, cursor: 'c2', count: true });
    expect(incidentListQuery({}, null)).toEqual({ limit: 20, cursor: undefined, count: true });
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ organization: 'o1' })).toBe(true);
  });
});

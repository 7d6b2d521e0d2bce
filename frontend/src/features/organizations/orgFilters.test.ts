import { describe, expect, it } from 'vitest';
import { filtersFromSearch, filtersToSearch, orgListQuery } from './orgFilters';

describe('organization filters in the URL', () => {
  it('reads known values and drops unknown ones', () => {
    const f = filtersFromSearch(
      new URLSearchParams('q=%20基金会%20&status=suspended&legal_form=bogus&specialty=elderly_care&sort=-updated_at&province=510000'),
    );
    expect(f).toEqual({ q: '基金会', status: 'suspended', specialty: 'elderly_care', sort: '-updated_at', province: '510000' });
  });

  it('round-trips through the query string', () => {
    const f = { q: '乡村', category: 'charity', recommended_by: 'civil_affairs', sort: 'name' } as const;
    expect(filtersFromSearch(filtersToSearch(f))).toEqual(f);
  });

  it('asks the API for a page with a total', () => {
    expect(orgListQuery({ status: 'active' }, 'c2')).toEqual({ status: 'active', limit: 20, cursor: 'c2', count: true });
    expect(orgListQuery({}, null).cursor).toBeUndefined();
  });
});

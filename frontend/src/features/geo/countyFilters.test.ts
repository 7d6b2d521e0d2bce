import { describe, expect, it } from 'vitest';
import { countyListQuery, filtersFromSearch, filtersToSearch } from './countyFilters';

describe('county filters in the URL', () => {
  it('round-trips through the query string', () => {
    const f = { province: '510000', keyOnly: true, q: '昭觉' };
    const s = filtersToSearch(f);
    expect(s.toString()).toBe('province=510000&key=1&q=%E6%98%AD%E8%A7%89');
    expect(filtersFromSearch(s)).toEqual(f);
  });

  it('builds the API query with count and the cursor', () => {
    expect(countyListQuery({ keyOnly: false }, null)).toEqual({
      province: undefined,
      key_county: undefined,
      q: undefined,
      limit: 50,
      cursor: undefined,
      count: true,
    });
    expect(countyListQuery({ keyOnly: true, province: '520000' }, 'abc')).toMatchObject({
      key_county: true,
      province: '520000',
      cursor: 'abc',
    });
  });
});

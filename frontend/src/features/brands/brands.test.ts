import { describe, expect, it } from 'vitest';
import { BRAND_FOCUS_BY_LINE, BRAND_FOCUSES, type Brand, type BrandFocus, type BrandLine } from '../../api/types';
import { changedOnly } from '../../components/mergePatch';
import { brandListQuery, filtersFromSearch, filtersToSearch, ownBrandsOnly } from './brandFilters';
import { editValuesOf, focusOptions, formFieldOf, keepFocusOfLine, toBrandPatch, toNewBrand } from './brandForm';
import { byStatusOption, ratiosOption, reasonRequired, statusCounts, transitionKey } from './brandLogic';

// compile-time: every focus value belongs to some line
type Unplaced = Exclude<BrandFocus, (typeof BRAND_FOCUS_BY_LINE)[BrandLine][number]>;
const everyFocusPlaced: [Unplaced] extends [never] ? true : false = true;

describe('focus by line', () => {
  it('offers a line’s own focus values, all ten before a line is chosen', () => {
    expect(everyFocusPlaced).toBe(true);
    expect(focusOptions('governance')).toEqual(['left_behind_care', 'dispute_mediation', 'elderly_care', 'civilized_customs']);
    expect(focusOptions('development')).toEqual(['industry', 'employment', 'consumption']);
    expect(focusOptions(undefined)).toHaveLength(10);
    expect(new Set(BRAND_FOCUSES).size).toBe(10);
  });

  it('keeps only the new line’s values when the line changes', () => {
    expect(keepFocusOfLine('governance', ['elderly_care', 'industry'])).toEqual(['elderly_care']);
    expect(keepFocusOfLine('construction', ['elderly_care'])).toEqual([]);
    expect(keepFocusOfLine(undefined, ['industry'])).toEqual(['industry']);
    expect(keepFocusOfLine('development', undefined)).toEqual([]);
  });
});

describe('the brand form', () => {
  it('builds the request with ids, trimmed text and a null year when none is given', () => {
    expect(
      toNewBrand({
        name: ' 银龄互助 ',
        line: 'governance',
        focus: ['elderly_care', 'left_behind_care'],
        owner: { value: 'o1', label: '甲' },
        partners: [{ value: 'o3', label: '丙' }, { value: 'o2', label: '乙' }],
        description: ' 村级互助养老 ',
      }),
    ).toEqual({
      name: '银龄互助',
      line: 'governance',
      focus: ['elderly_care', 'left_behind_care'],
      owner_organization_id: 'o1',
      partner_organization_ids: ['o2', 'o3'],
      started_year: null,
      description: '村级互助养老',
    });
  });

  it('patches only what changed since the form opened', () => {
    const brand = { name: 'A', line: 'governance', focus: ['elderly_care'], partner_organization_ids: ['o2'], started_year: 2020, description: '' } as Brand;
    const opened = toBrandPatch(editValuesOf(brand, { o2: '乙' }));
    const edited = toBrandPatch({ ...editValuesOf(brand), focus: ['elderly_care', 'dispute_mediation'], partners: [{ value: 'o2', label: 'o2' }] });
    expect(changedOnly(edited, opened)).toEqual({ focus: ['dispute_mediation', 'elderly_care'] });
  });

  it('puts the server’s field errors on the form’s fields', () => {
    expect(formFieldOf('owner_organization_id')).toBe('owner');
    expect(formFieldOf('partner_organization_ids')).toBe('partners');
    expect(formFieldOf('focus[1]')).toBe('focus');
    expect(formFieldOf('started_year')).toBe('started_year');
  });
});

describe('the brand list filters', () => {
  it('read and write the URL, dropping unknown values', () => {
    const f = filtersFromSearch(new URLSearchParams('line=governance&focus=elderly_care&status=bogus&review_flag=true&sort=name&q=%20银龄%20'));
    expect(f).toEqual({ line: 'governance', focus: 'elderly_care', review_flag: true, sort: 'name', q: '银龄' });
    expect(filtersToSearch(f).toString()).toBe('q=%E9%93%B6%E9%BE%84&line=governance&focus=elderly_care&review_flag=true&sort=name');
    expect(brandListQuery(f, 'c1')).toMatchObject({ limit: 20, cursor: 'c1', count: true });
  });

  it('start an organization’s members on their own brands until they ask for all', () => {
    const member = { role: 'org_member' as const, organization_id: 'o1' };
    expect(ownBrandsOnly(member, new URLSearchParams())).toBe('o1');
    expect(ownBrandsOnly(member, new URLSearchParams('all=true'))).toBeUndefined();
    expect(ownBrandsOnly(member, new URLSearchParams('organization=o9'))).toBeUndefined();
    expect(ownBrandsOnly({ role: 'provincial_officer' }, new URLSearchParams())).toBeUndefined();
  });
});

describe('brand moves and dossier', () => {
  it('asks a reason to return or revoke, and says 重新申报 for a returned brand', () => {
    expect(reasonRequired('returned')).toBe(true);
    expect(reasonRequired('revoked')).toBe(true);
    expect(reasonRequired('recommended')).toBe(false);
    expect(transitionKey('returned', 'applied')).toBe('brandTransition.reapply');
    expect(transitionKey('draft', 'applied')).toBe('brandTransition.applied');
    expect(transitionKey('recognized', 'demonstration')).toBe('brandTransition.demonstration');
  });

  it('counts projects in every status in order, charted one bar each', () => {
    const d = { projects_by_status: [{ status: 'landed' as const, count: 2 }, { status: 'docking' as const, count: 1 }] };
    expect(statusCounts(d)).toEqual([
      { status: 'docking', count: 1 },
      { status: 'signed', count: 0 },
      { status: 'landed', count: 2 },
      { status: 'completed', count: 0 },
      { status: 'suspended', count: 0 },
      { status: 'cancelled', count: 0 },
    ]);
    const option = byStatusOption(d, (s) => s.toUpperCase()) as { yAxis: { data: string[] }; series: { data: { value: number }[] }[] };
    expect(option.yAxis.data[0]).toBe('DOCKING');
    expect(option.series[0].data.map((x) => x.value)).toEqual([1, 0, 2, 0, 0, 0]);
  });

  it('charts the ratios as percentages of 100, labelled by the formatter', () => {
    const option = ratiosOption({ landed_ratio: 2 / 3, updated_recently_ratio: 1.2 }, { landed: 'L', updated: 'U' }, (r) => `${r}`) as {
      yAxis: { data: string[] };
      series: { data: { value: number }[]; label: { formatter: (p: { dataIndex: number }) => string } }[];
    };
    expect(option.yAxis.data).toEqual(['L', 'U']);
    expect(option.series[0].data.map((x) => x.value)).toEqual([66.7, 100]);
    expect(option.series[0].label.formatter({ dataIndex: 0 })).toBe(String(2 / 3));
  });
});

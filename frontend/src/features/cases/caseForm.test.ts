import { describe, expect, it } from 'vitest';
import type { Case } from '../../api/types';
import { changedOnly, formFieldOf, formValuesOf, toCasePatch, toNewCase, type CaseFormValues } from './caseForm';
import { caseListQuery, filtersFromSearch, filtersToSearch, ownOrganizationOnly } from './caseFilters';
import { toNewCollection } from './collectionForm';

const values: CaseFormValues = {
  collection_id: 'k1',
  organization: { value: 'o1', label: '甲基金会' },
  title: ' 彝绣合作社 ',
  line: 'development',
  brand_id: undefined,
  project_ids: ['p2', 'p1'],
  county_codes: ['513431'],
  background: ' 背景 ',
  approach: '做法',
  results: '',
  lessons: undefined,
  consent_to_publish: true,
};

describe('the case form', () => {
  it('sends a new case with its collection, organization and trimmed sections', () => {
    expect(toNewCase(values)).toEqual({
      collection_id: 'k1',
      organization_id: 'o1',
      title: '彝绣合作社',
      line: 'development',
      brand_id: null,
      project_ids: ['p2', 'p1'],
      county_codes: ['513431'],
      background: '背景',
      approach: '做法',
      results: '',
      lessons: '',
      consent_to_publish: true,
    });
  });

  it('fills the form from a case and sends it back unchanged', () => {
    const c = { ...toNewCase(values), collection_title: '2025 征集', organization_name: '甲基金会' } as unknown as Case;
    const back = formValuesOf(c);
    expect(back.organization).toEqual({ value: 'o1', label: '甲基金会' });
    expect(changedOnly(toCasePatch(back), toCasePatch(values))).toEqual({});
  });

  it('sends only the fields changed since the form opened; a reordered pick is no change', () => {
    const opened = toCasePatch(values);
    const now = toCasePatch({ ...values, project_ids: ['p1', 'p2'], lessons: '可复制', brand_id: 'b1' });
    expect(changedOnly(now, opened)).toEqual({ lessons: '可复制', brand_id: 'b1' });
    // clearing the brand sends null (a merge patch removes it)
    expect(changedOnly(toCasePatch({ ...values, brand_id: undefined }), toCasePatch({ ...values, brand_id: 'b1' }))).toEqual({ brand_id: null });
  });

  it('puts server field errors on the named fields', () => {
    expect(formFieldOf('organization_id')).toBe('organization');
    expect(formFieldOf('project_ids')).toBe('project_ids');
    expect(formFieldOf('county_codes[3]')).toBe('county_codes');
    expect(formFieldOf('lessons')).toBe('lessons');
    expect(formFieldOf('cursor')).toBeNull();
  });

  it('opens a collection with a trimmed title and description', () => {
    expect(toNewCollection({ title: ' 2025 年典型案例征集 ', year: 2025, deadline: '2025-09-30' })).toEqual({
      title: '2025 年典型案例征集',
      year: 2025,
      deadline: '2025-09-30',
      description: '',
    });
  });
});

describe('the case list in the URL', () => {
  const member = { role: 'org_member' as const, organization_id: 'o1' };
  const officer = { role: 'provincial_officer' as const, organization_id: null };

  it('reads known values and drops the rest', () => {
    expect(filtersFromSearch(new URLSearchParams('status=typical&line=governance&collection=k1&status2=x&line=bogus'))).toEqual({
      status: 'typical',
      line: 'governance',
      collection: 'k1',
    });
    expect(filtersToSearch({ q: '彝绣', all: false, status: 'draft' }).toString()).toBe('q=%E5%BD%9D%E7%BB%A3&status=draft');
  });

  it('starts an organization’s members on their own cases until they ask for all', () => {
    expect(ownOrganizationOnly({}, member)).toBe(true);
    expect(caseListQuery({ status: 'typical' }, member, null)).toEqual({ status: 'typical', organization: 'o1', limit: 20, cursor: undefined, count: true });
    expect(caseListQuery({ all: true }, member, 'c2')).toEqual({ limit: 20, cursor: 'c2', count: true });
    expect(ownOrganizationOnly({ all: true }, member)).toBe(false);
  });

  it('narrows nobody else by default', () => {
    expect(caseListQuery({}, officer, null)).toEqual({ limit: 20, cursor: undefined, count: true });
    expect(caseListQuery({ organization: 'o9' }, officer, null).organization).toBe('o9');
  });
});

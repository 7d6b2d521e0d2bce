import { describe, expect, it } from 'vitest';
import { changedOnly } from '../../components/mergePatch';
import { editValuesOf, organizationsProblem, toNewProject, toProjectEditPatch, toProjectPatch, type ProjectFormValues } from './projectForm';
import type { Project } from '../../api/types';

const a = { value: 'a', label: 'A' };
const b = { value: 'b', label: 'B' };

describe('the project form', () => {
  it('wants exactly one lead and each organization once', () => {
    expect(organizationsProblem([{ org: a, role: 'lead' }, { org: b, role: 'funder' }])).toBeNull();
    expect(organizationsProblem([{ org: a, role: 'partner' }])).toBe('noLead');
    expect(organizationsProblem([{ org: a, role: 'lead' }, { org: b, role: 'lead' }])).toBe('manyLeads');
    expect(organizationsProblem([{ org: a, role: 'lead' }, { org: a, role: 'partner' }])).toBe('duplicate');
    expect(organizationsProblem([{ role: 'lead' }])).toBe('noLead');
  });

  it('builds the request: money as decimal strings, contract fields only with government purchase', () => {
    const v: ProjectFormValues = {
      title: ' 图书角 ',
      county_code: '513431',
      organizations: [{ org: a, role: 'lead' }, { role: 'partner' }],
      assistance_type: 'education',
      planned_funds: '1,250,000',
      beneficiaries_planned: 1200,
      government_purchase: false,
      contract_number: 'HT-1',
      contract_amount: '100',
      event_id: 'e1',
    };
    expect(toNewProject(v, { need_id: 'n1' })).toEqual({
      title: '图书角',
      county_code: '513431',
      organizations: [{ organization_id: 'a', role: 'lead' }],
      assistance_type: 'education',
      planned_funds: '1250000.00',
      beneficiaries_planned: 1200,
      government_purchase: false,
      contract_number: null,
      contract_amount: null,
      sustainability: '',
      event_id: 'e1',
      pairing_id: null,
      need_id: 'n1',
    });
    const bought = toNewProject({ ...v, government_purchase: true });
    expect(bought.contract_number).toBe('HT-1');
    expect(bought.contract_amount).toBe('100.00');
  });
});

describe('the project edit form', () => {
  it('patches the editable fields and drops the contract without a purchase', () => {
    const patch = toProjectPatch({
      title: ' 花椒加工车间 ',
      assistance_type: 'industry',
      planned_funds: '1,200,000',
      beneficiaries_planned: 300,
      government_purchase: false,
      contract_number: 'HT-1',
      contract_amount: '5',
      sustainability: '',
    });
    expect(patch).toEqual({
      title: '花椒加工车间',
      assistance_type: 'industry',
      planned_funds: '1200000.00',
      beneficiaries_planned: 300,
      government_purchase: false,
      contract_number: null,
      contract_amount: null,
      sustainability: '',
    });
  });
});

describe('the project’s brand', () => {
  it('is sent as an id, and as null when cleared (unlinked)', () => {
    const p = { title: 'A', assistance_type: 'industry', planned_funds: '10.00', beneficiaries_planned: 0, government_purchase: false, sustainability: '', brand_id: 'b1' } as Project;
    const opened = toProjectEditPatch(editValuesOf(p));
    expect(opened.brand_id).toBe('b1');
    expect(changedOnly(toProjectEditPatch({ ...editValuesOf(p), brand_id: undefined }), opened)).toEqual({ brand_id: null });
    expect(changedOnly(toProjectEditPatch({ ...editValuesOf(p), brand_id: 'b2' }), opened)).toEqual({ brand_id: 'b2' });
  });
});

describe('changedOnly', () => {
  it('sends the fields changed since the form opened, nothing else', () => {
    const opened = toProjectPatch({ title: 'A', assistance_type: 'industry', planned_funds: '10', beneficiaries_planned: 5 });
    const now = toProjectPatch({ title: 'B', assistance_type: 'industry', planned_funds: '10.00', beneficiaries_planned: 5 });
    expect(changedOnly(now, opened)).toEqual({ title: 'B' });
  });
});

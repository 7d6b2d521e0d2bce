import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../api/types';
import { editValuesOf, formFieldOf, isFuture, isUrgent, projectRequired, toIncidentPatch, toNewIncident, type ReportValues } from './incidentForm';

const values: ReportValues = {
  title: '  村小食堂食物中毒 ',
  kind: 'safety',
  severity: 'high',
  occurred_at: dayjs('2026-12-01T08:30:00Z'),
  description: ' 12 名学生送医 ',
  organization: { value: 'o1', label: '甲基金会' },
};

describe('the report form', () => {
  it('sends the project and lets the server take the county from it', () => {
    expect(toNewIncident({ ...values, project_id: 'p1', county_code: '513431' })).toEqual({
      title: '村小食堂食物中毒',
      kind: 'safety',
      severity: 'high',
      organization_id: 'o1',
      project_id: 'p1',
      occurred_at: '2026-12-01T08:30:00.000Z',
      description: '12 名学生送医',
    });
  });

  it('sends the county when no project is named', () => {
    const body = toNewIncident({ ...values, county_code: '513431' });
    expect(body.county_code).toBe('513431');
    expect(body).not.toHaveProperty('project_id');
  });

  it('puts a server error on the field that shows it', () => {
    expect(formFieldOf('organization_id')).toBe('organization');
    expect(formFieldOf('project_id')).toBe('project_id');
    expect(formFieldOf('county_code')).toBe('county_code');
    expect(formFieldOf('occurred_at')).toBe('occurred_at');
    // the form has no pairing: shown above it
    expect(formFieldOf('pairing_id')).toBeNull();
  });

  it('refuses a time in the future', () => {
    const now = dayjs('2026-12-06T10:00:00Z');
    expect(isFuture(now.add(1, 'minute'), now)).toBe(true);
    expect(isFuture(now.subtract(1, 'day'), now)).toBe(false);
    expect(isFuture(undefined, now)).toBe(false);
  });

  it('tells at once of 重大 and 特别重大 only', () => {
    expect((['low', 'medium', 'high', 'critical'] as const).filter(isUrgent)).toEqual(['high', 'critical']);
  });

  it('asks an organization’s members for one of their projects', () => {
    expect(projectRequired('org_member')).toBe(true);
    expect(projectRequired('county_officer')).toBe(false);
  });

  it('fills the correction form from the incident and sends it back unchanged', () => {
    const incident = { title: '甲', kind: 'dispute', severity: 'low', occurred_at: '2026-11-30T02:00:00Z', description: '乙' } as Incident;
    expect(toIncidentPatch(editValuesOf(incident))).toEqual({
      title: '甲',
      kind: 'dispute',
      severity: 'low',
      occurred_at: '2026-11-30T02:00:00.000Z',
      description: '乙',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Job, OrgImportReport } from '../../api/types';
import { progressOf, wizardView } from './importWizard';

const report = (over: Partial<OrgImportReport> = {}): OrgImportReport => ({
  dry_run: true,
  applied: false,
  rows_total: 3,
  created: 2,
  updated: 1,
  unchanged: 0,
  check_failed: 0,
  errors: [],
  ...over,
});

const job = (over: Partial<Job> = {}): Job => ({
  id: 'j1',
  kind: 'organization_import',
  status: 'running',
  attempts: 1,
  done: 1,
  total: 4,
  created_at: '2025-01-01T00:00:00Z',
  ...over,
});

describe('import wizard state', () => {
  it('starts at the upload step', () => {
    expect(wizardView({ hasFile: false })).toMatchObject({ step: 'upload', current: 0, canApply: false });
  });

  it('shows the dry run’s progress while it is queued or running', () => {
    expect(wizardView({ hasFile: true })).toMatchObject({ step: 'checking', progress: { done: 0, total: 0, percent: 0 } });
    expect(wizardView({ hasFile: true, dryJob: job() })).toMatchObject({
      step: 'checking',
      current: 1,
      progress: { done: 1, total: 4, percent: 25 },
    });
    expect(wizardView({ hasFile: true, dryJob: job({ status: 'queued', done: 0 }) }).step).toBe('checking');
  });

  it('offers 应用 only after a clean dry run with rows', () => {
    const clean = wizardView({ hasFile: true, dryJob: job({ status: 'succeeded', done: 4, result: report() }) });
    expect(clean).toMatchObject({ step: 'checked', canApply: true });
    const withErrors = wizardView({
      hasFile: true,
      dryJob: job({ status: 'succeeded', result: report({ errors: [{ row: 3, column: '统一社会信用代码', message: 'bad' }] }) }),
    });
    expect(withErrors).toMatchObject({ step: 'checked', canApply: false });
    expect(withErrors.report?.errors).toHaveLength(1);
    const empty = wizardView({ hasFile: true, dryJob: job({ status: 'succeeded', result: report({ rows_total: 0 }) }) });
    expect(empty.canApply).toBe(false);
  });

  it('polls the apply job, then shows its report', () => {
    const dryJob = job({ status: 'succeeded', result: report() });
    expect(wizardView({ hasFile: true, dryJob, applyJob: job({ id: 'j2', done: 2 }) })).toMatchObject({
      step: 'applying',
      current: 2,
      canApply: false,
      progress: { percent: 50 },
    });
    const done = wizardView({
      hasFile: true,
      dryJob,
      applyJob: job({ id: 'j2', status: 'succeeded', result: report({ dry_run: false, applied: true }) }),
    });
    expect(done).toMatchObject({ step: 'applied', canApply: false });
    expect(done.report?.applied).toBe(true);
  });

  it('goes back to the errors when the apply was refused', () => {
    const refused = report({ dry_run: false, applied: false, errors: [{ row: 2, column: '名称', message: 'empty' }] });
    const v = wizardView({ hasFile: true, dryJob: job({ status: 'succeeded', result: report() }), applyJob: job({ status: 'succeeded', result: refused }) });
    expect(v).toMatchObject({ step: 'checked', canApply: false });
    expect(v.report?.errors).toHaveLength(1);
  });

  it('reports a failed job or request', () => {
    expect(wizardView({ hasFile: true, dryJob: job({ status: 'failed', error: 'cannot read' }) })).toMatchObject({
      step: 'failed',
      jobError: 'cannot read',
    });
    expect(wizardView({ hasFile: true, requestFailed: true }).step).toBe('failed');
  });

  it('computes a bounded percentage', () => {
    expect(progressOf(job({ done: 5, total: 4 })).percent).toBe(100);
    expect(progressOf(undefined)).toEqual({ done: 0, total: 0, percent: 0 });
  });
});

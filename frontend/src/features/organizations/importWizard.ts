import type { Job, OrgImportReport } from '../../api/types';

/** Where the import wizard stands, derived from the two jobs it started (dry run, then apply). */
export type WizardStep = 'upload' | 'checking' | 'checked' | 'applying' | 'applied' | 'failed';

export interface WizardInput {
  /** A file has been chosen and its dry run requested. */
  hasFile: boolean;
  /** The dry-run job, as last polled (undefined until the POST answered). */
  dryJob?: Job;
  /** The apply job, once 应用 was pressed. */
  applyJob?: Job;
  /** A request failed (upload refused, job not readable). */
  requestFailed?: boolean;
}

export interface WizardView {
  step: WizardStep;
  /** 0, 1 or 2 for antd Steps: 上传文件 / 预检 / 应用. */
  current: number;
  /** The running job's progress. */
  progress?: { done: number; total: number; percent: number };
  /** The report to show: the apply job's once it succeeded, else the dry run's. */
  report?: OrgImportReport;
  /** The failed job's message. */
  jobError?: string;
  /** 应用 is offered only after a clean dry run with something in it. */
  canApply: boolean;
}

/** An organization import's report: a job's `result` has the shape its `kind` names. */
export function reportOf(job?: Job): OrgImportReport | undefined {
  return job?.kind === 'organization_import' && job.result ? (job.result as OrgImportReport) : undefined;
}

const running = (job?: Job) => !job || job.status === 'queued' || job.status === 'running';

export function progressOf(job?: Job): { done: number; total: number; percent: number } {
  const done = job?.done ?? 0;
  const total = job?.total ?? 0;
  return { done, total, percent: total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0 };
}

export function wizardView({ hasFile, dryJob, applyJob, requestFailed }: WizardInput): WizardView {
  const none = { canApply: false };
  if (requestFailed) return { ...none, step: 'failed', current: applyJob ? 2 : 1 };
  if (applyJob !== undefined) {
    if (running(applyJob)) return { ...none, step: 'applying', current: 2, progress: progressOf(applyJob), report: reportOf(dryJob) };
    if (applyJob.status === 'failed') return { ...none, step: 'failed', current: 2, jobError: applyJob.error ?? undefined };
    const report = reportOf(applyJob);
    // a refused apply (errors appeared since the dry run) goes back to showing the errors
    if (report && !report.applied) return { ...none, step: 'checked', current: 1, report };
    return { ...none, step: 'applied', current: 2, report };
  }
  if (!hasFile) return { ...none, step: 'upload', current: 0 };
  if (running(dryJob)) return { ...none, step: 'checking', current: 1, progress: progressOf(dryJob) };
  if (dryJob?.status === 'failed') return { ...none, step: 'failed', current: 1, jobError: dryJob.error ?? undefined };
  const report = reportOf(dryJob);
  const canApply = !!report && report.errors.length === 0 && report.rows_total > 0;
  return { step: 'checked', current: 1, report, canApply };
}

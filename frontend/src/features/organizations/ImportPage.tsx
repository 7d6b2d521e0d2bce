import { useState } from 'react';
import { Alert, Button, Card, Flex, Progress, Result, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { organizationKeys } from '../../api/queryKeys';
import type { RowError } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { startImport, useJob } from './api';
import { wizardView } from './importWizard';

/** Upload → dry run (a job, polled) → row errors and counts → 应用 (another job) → done. */
export function ImportPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [dryJobId, setDryJobId] = useState<string | null>(null);
  const [applyJobId, setApplyJobId] = useState<string | null>(null);
  const start = useMutation({ mutationFn: ({ f, dryRun }: { f: File; dryRun: boolean }) => startImport(f, dryRun) });
  const dryJob = useJob(dryJobId);
  const applyJob = useJob(applyJobId);

  const view = wizardView({
    hasFile: !!file,
    dryJob: dryJob.data,
    applyJob: applyJobId ? (applyJob.data ?? { id: applyJobId, kind: 'organization_import', status: 'queued', done: 0, total: 0, attempts: 0, created_at: '' }) : undefined,
    requestFailed: start.isError || dryJob.isError || applyJob.isError,
  });
  const requestError = start.error ?? dryJob.error ?? applyJob.error;
  // Above 1 when the instance running the job stopped and another took it over.
  const runs = (applyJobId ? applyJob.data : dryJob.data)?.attempts ?? 0;

  const choose = (f: File) => {
    setFile(f);
    setDryJobId(null);
    setApplyJobId(null);
    start.mutate({ f, dryRun: true }, { onSuccess: (job) => setDryJobId(job.id) });
  };

  const apply = () => {
    if (!file) return;
    start.mutate(
      { f: file, dryRun: false },
      {
        onSuccess: (job) => {
          setApplyJobId(job.id);
          void client.invalidateQueries({ queryKey: organizationKeys.all });
        },
      },
    );
  };

  const restart = () => {
    setFile(null);
    setDryJobId(null);
    setApplyJobId(null);
    start.reset();
  };

  const report = view.report;
  return (
    <>
      <PageHeader
        title={t('orgImport.title')}
        extra={
          <Link to="/organizations">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <Card data-testid="org-import" data-step={view.step}>
        <Steps
          current={view.current}
          status={view.step === 'failed' ? 'error' : view.step === 'applied' ? 'finish' : 'process'}
          items={[{ title: t('orgImport.stepUpload') }, { title: t('orgImport.stepCheck') }, { title: t('orgImport.stepApply') }]}
          style={{ marginBottom: 24 }}
        />
        <Typography.Paragraph type="secondary">{t('orgImport.hint')}</Typography.Paragraph>
        <Space style={{ marginBottom: 16 }} wrap>
          <Upload
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              choose(f);
              return false; // no automatic upload: the file is posted as the raw body ourselves
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="import-choose" disabled={view.step === 'checking' || view.step === 'applying'}>
              {t('orgImport.chooseFile')}
            </Button>
          </Upload>
          {file && (
            <Typography.Text code data-testid="import-file">
              {file.name}
            </Typography.Text>
          )}
          <Button
            type="primary"
            disabled={!view.canApply}
            loading={start.isPending && !!dryJobId}
            onClick={apply}
            data-testid="import-apply"
          >
            {t('orgImport.apply')}
          </Button>
          {(view.step === 'applied' || view.step === 'failed') && (
            <Button icon={<ReloadOutlined />} onClick={restart}>
              {t('orgImport.again')}
            </Button>
          )}
        </Space>

        {view.step === 'failed' &&
          (view.jobError ? (
            <Alert type="error" showIcon title={t('orgImport.failed')} description={view.jobError} style={{ marginBottom: 16 }} />
          ) : (
            <ProblemAlert error={requestError} />
          ))}

        {view.progress && (
          <Flex vertical gap={4} style={{ marginBottom: 16, maxWidth: 520 }}>
            <Typography.Text>
              {view.step === 'applying' ? t('orgImport.apply') : t('orgImport.dryRun')} · {t('orgImport.running')}{' '}
              {view.progress.done}/{view.progress.total}
            </Typography.Text>
            <Progress percent={view.progress.percent} status="active" data-testid="import-progress" />
            {runs > 1 && (
              <Typography.Text type="secondary" data-testid="import-taken-over">
                {t('orgImport.takenOver', { n: runs })}
              </Typography.Text>
            )}
          </Flex>
        )}

        {view.step === 'applied' && report && (
          <Result
            status="success"
            title={t('orgImport.applied', { created: report.created, updated: report.updated })}
            data-testid="import-done"
          />
        )}

        {report && (view.step === 'checked' || view.step === 'applied') && (
          <>
            <Flex gap={32} wrap style={{ marginBottom: 16 }} data-testid="import-summary">
              <Statistic title={t('orgImport.rowsTotal', { count: report.rows_total })} value={report.rows_total} />
              <Statistic title={t('orgImport.created')} value={report.created} />
              <Statistic title={t('orgImport.updated')} value={report.updated} />
              <Statistic title={t('orgImport.unchanged')} value={report.unchanged} />
              <Statistic
                title={t('orgImport.checkFailed')}
                value={report.check_failed}
                styles={report.check_failed > 0 ? { content: { color: '#d48806' } } : undefined}
              />
              <Statistic
                title={t('orgImport.errors')}
                value={report.errors.length}
                styles={report.errors.length > 0 ? { content: { color: '#cf1322' } } : undefined}
              />
            </Flex>
            {report.errors.length > 0 ? (
              <>
                <Alert type="error" showIcon title={t('orgImport.fixErrors')} style={{ marginBottom: 12 }} />
                <Table<RowError>
                  data-testid="import-errors"
                  size="small"
                  rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  dataSource={report.errors}
                  columns={[
                    { title: t('orgImport.row'), dataIndex: 'row', width: 80 },
                    { title: t('orgImport.column'), dataIndex: 'column', width: 200 },
                    { title: t('orgImport.message'), dataIndex: 'message' },
                  ]}
                />
              </>
            ) : (
              view.step === 'checked' && <Alert type="success" showIcon title={t('orgImport.noErrors')} />
            )}
          </>
        )}
      </Card>
    </>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Flex, Modal, Space, Statistic, Table, Typography, Upload, type ButtonProps } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ParticipantImportReport, RowError } from '../../api/types';
import { saveDownload } from '../../components/download';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useImportParticipants } from './api';
import { canApply, rowErrorsOf, templateCsv } from './participantImport';

/**
 * 批量导入参训组织: choose a CSV or xlsx file → its dry run (rows, organizations it would add,
 * row errors by line) → 导入 once it has none. A file with errors is fixed and chosen again.
 */
export function ParticipantImportModal({ trainingId, onClose }: { trainingId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useImportParticipants(trainingId);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ParticipantImportReport | null>(null);

  const check = (f: File) => {
    setFile(f);
    setReport(null);
    run.mutate({ file: f, dryRun: true }, { onSuccess: setReport });
  };

  const apply = () => {
    if (!file) return;
    run.mutate(
      { file, dryRun: false },
      {
        onSuccess: (r) => {
          void message.success(t('trainings.import.applied', { count: r.applied }));
          onClose();
        },
      },
    );
  };

  // an apply refused for its rows (the file or the organizations changed since the dry run) shows them as the dry run did
  const refusedRows = rowErrorsOf(run.error);
  const errors: RowError[] = refusedRows.length > 0 ? refusedRows : (report?.errors ?? []);
  const checking = run.isPending && !report;

  return (
    <Modal
      open
      width={720}
      title={t('trainings.import.title')}
      okText={t('trainings.import.apply')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !canApply(report) || refusedRows.length > 0, 'data-testid': 'import-apply' } as ButtonProps}
      confirmLoading={run.isPending && !!report}
      onOk={apply}
      onCancel={onClose}
      destroyOnHidden
    >
      <div data-testid="participants-import-dialog">
        <Typography.Paragraph type="secondary">{t('trainings.import.hint')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 16 }}>
          <Upload
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              check(f);
              return false; // no automatic upload: the file is posted as the raw body ourselves
            }}
          >
            <Button icon={<UploadOutlined />} loading={checking} data-testid="import-choose">
              {t('trainings.import.chooseFile')}
            </Button>
          </Upload>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => saveDownload(new Blob([templateCsv()], { type: 'text/csv;charset=utf-8' }), null, `${t('trainings.import.template')}.csv`)}
          >
            {t('trainings.import.template')}
          </Button>
          {file && (
            <Typography.Text code data-testid="import-file">
              {file.name}
            </Typography.Text>
          )}
        </Space>
        {checking && <Typography.Paragraph>{t('trainings.import.checking')}</Typography.Paragraph>}
        {run.isError && refusedRows.length === 0 && <ProblemAlert error={run.error} />}
        {report && (
          <Flex gap={32} wrap style={{ marginBottom: 16 }} data-testid="import-summary">
            <Statistic title={t('trainings.import.rowsTotal', { count: report.rows_total })} value={report.rows_total} />
            <Statistic title={t('trainings.import.wouldApply', { count: report.applied })} value={report.applied} />
            <Statistic
              title={t('trainings.import.errors', { count: errors.length })}
              value={errors.length}
              styles={errors.length > 0 ? { content: { color: '#cf1322' } } : undefined}
            />
          </Flex>
        )}
        {errors.length > 0 ? (
          <>
            <Alert type="error" showIcon title={t('trainings.import.fixErrors')} style={{ marginBottom: 12 }} />
            <Table<RowError>
              data-testid="import-errors"
              size="small"
              scroll={{ x: 'max-content' }}
              rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={errors}
              columns={[
                { title: t('trainings.import.row'), dataIndex: 'row', width: 70 },
                { title: t('trainings.import.column'), dataIndex: 'column', width: 160 },
                { title: t('trainings.import.message'), dataIndex: 'message' },
              ]}
            />
          </>
        ) : (
          canApply(report) && <Alert type="success" showIcon title={t('trainings.import.noErrors')} data-testid="import-clean" />
        )}
      </div>
    </Modal>
  );
}

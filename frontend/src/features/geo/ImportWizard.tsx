import { useState } from 'react';
import { App, Button, Card, Flex, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useImportKeyCounties } from './api';

type Change = ImportReport['changes'][number];
type RowError = ImportReport['errors'][number];

/** Upload → dry-run report (changes and errors) → apply. */
export function ImportWizard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const run = useImportKeyCounties();

  const dryRun = (text: string) => {
    setReport(null);
    run.mutate({ csv: text, dryRun: true }, { onSuccess: setReport });
  };

  const apply = () => {
    if (!file) return;
    run.mutate(
      { csv: file.text, dryRun: false },
      {
        onSuccess: (r) => {
          setReport(r);
          void message.success(t('keyCounty.applied', { count: r.changes.length }));
        },
      },
    );
  };

  const yesNo = (b: boolean) => (b ? <Tag color="red">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>);
  const canApply = !!report && report.dry_run && report.errors.length === 0 && report.changes.length > 0;

  return (
    <Card title={t('keyCounty.importTitle')} style={{ marginTop: 24 }} data-testid="import-wizard">
      <Typography.Paragraph type="secondary">{t('keyCounty.importHint')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Upload
          accept=".csv,text/csv"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            void f.text().then((text) => {
              setFile({ name: f.name, text });
              dryRun(text);
            });
            return false; // no automatic upload: we read the text and post it ourselves
          }}
        >
          <Button icon={<UploadOutlined />}>{t('keyCounty.chooseFile')}</Button>
        </Upload>
        {file && <Typography.Text code>{file.name}</Typography.Text>}
        <Button type="primary" disabled={!canApply} loading={run.isPending} onClick={apply} data-testid="import-apply">
          {t('keyCounty.apply')}
        </Button>
      </Space>
      {run.isError && <ProblemAlert error={run.error} />}
      {report && (
        <>
          <Flex gap={8} style={{ marginBottom: 12 }}>
            <Tag color={report.dry_run ? 'blue' : 'green'}>{report.dry_run ? t('keyCounty.dryRun') : t('keyCounty.apply')}</Tag>
            <Typography.Text data-testid="import-summary">
              {t('keyCounty.rowsTotal', {
                rows: report.rows_total,
                changes: report.changes.length,
                unchanged: report.unchanged,
                errors: report.errors.length,
              })}
            </Typography.Text>
          </Flex>
          {report.errors.length > 0 && (
            <>
              <Typography.Title level={5} type="danger">
                {t('keyCounty.errors')} — {t('keyCounty.fixErrors')}
              </Typography.Title>
              <Table<RowError>
                data-testid="import-errors"
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                pagination={false}
                dataSource={report.errors}
                columns={[
                  { title: t('keyCounty.row'), dataIndex: 'row', width: 80 },
                  { title: t('keyCounty.column'), dataIndex: 'column', width: 140 },
                  { title: t('keyCounty.message'), dataIndex: 'message' },
                ]}
                style={{ marginBottom: 16 }}
              />
            </>
          )}
          <Typography.Title level={5}>{t('keyCounty.changes')}</Typography.Title>
          <Table<Change>
            data-testid="import-changes"
            size="small"
            rowKey={(c) => `${c.row}-${c.code}`}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={report.changes}
            locale={{ emptyText: t('keyCounty.noChanges') }}
            columns={[
              { title: t('keyCounty.row'), dataIndex: 'row', width: 80 },
              { title: t('county.code'), dataIndex: 'code', width: 110 },
              { title: t('county.name'), dataIndex: 'name' },
              { title: t('county.province'), dataIndex: 'province_name' },
              { title: t('keyCounty.before'), dataIndex: 'key_county_before', render: yesNo },
              { title: t('keyCounty.after'), dataIndex: 'key_county_after', render: yesNo },
            ]}
          />
        </>
      )}
    </Card>
  );
}

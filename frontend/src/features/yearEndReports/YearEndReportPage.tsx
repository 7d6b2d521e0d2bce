import { useState } from 'react';
import { Alert, App, Button, Card, Flex } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { problemMessage } from '../../api/problem';
import { yearEndReportKeys } from '../../api/queryKeys';
import type { YearEndReport } from '../../api/types';
import { AttachmentsCard } from '../../components/AttachmentsCard';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/states';
import { StatusTimeline } from '../../components/StatusTimeline';
import { downloadReportPdf, useYearEndReport } from './api';
import { FiguresCard } from './FiguresCard';
import { ReportStatusCard } from './ReportStatusCard';
import { timelineColor } from './reportLogic';
import { SectionsCard } from './SectionsCard';
import { VersionsCard } from './VersionsCard';

/**
 * A province's report of a year: where it stands (signatures, moves), the five sections (edited
 * while it is with the province), the figures as submitted beside as they read now, the
 * attachments, the history and 版本对比.
 */
export function YearEndReportPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const client = useQueryClient();
  const report = useYearEndReport(id);
  const r = report.data?.data;
  const [dirty, setDirty] = useState(false);

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('yearEnd.title'), to: '/year-end-reports' }]}
        title={r ? t('yearEnd.reportTitle', { province: r.province_name, year: r.year }) : t('yearEnd.reportTitleLoading')}
        extra={r && <PdfButton report={r} />}
      />
      <QueryState query={report}>
        {({ data: rep, etag }) => (
          <Flex vertical gap={24}>
            <ReportStatusCard report={rep} etag={etag ?? ''} unsaved={dirty} />
            {rep.return_reason && (rep.status === 'returned' || rep.status === 'draft') && (
              <Alert
                type={rep.status === 'returned' ? 'warning' : 'info'}
                showIcon
                data-testid="report-return-reason"
                title={rep.status === 'returned' ? t('yearEnd.returnedBecause') : t('yearEnd.reopenedBecause')}
                description={<span style={{ whiteSpace: 'pre-wrap' }}>{rep.return_reason}</span>}
              />
            )}
            <SectionsCard report={rep} etag={etag ?? ''} onReload={() => void report.refetch()} onDirty={setDirty} />
            <FiguresCard report={rep} />
            <AttachmentsCard
              basePath={`/api/v1/year-end-reports/${rep.id}`}
              canEdit={rep.may_edit}
              title={t('yearEnd.attachments')}
              // a file added or removed takes the signatures off: read the report again
              onChange={() => void client.invalidateQueries({ queryKey: yearEndReportKeys.detail(rep.id) })}
            />
            <Flex gap={24} wrap align="flex-start">
              <Card title={t('yearEnd.history')} size="small" style={{ flex: '1 1 300px', minWidth: 0 }}>
                <StatusTimeline
                  testId="report-history"
                  events={rep.history}
                  createdLabel={t('yearEnd.timelineCreated')}
                  label={(s) => t(`yearEnd.status.${s}`)}
                  color={timelineColor}
                />
              </Card>
              <div style={{ flex: '2 1 520px', minWidth: 0 }}>
                <VersionsCard reportId={rep.id} />
              </div>
            </Flex>
          </Flex>
        )}
      </QueryState>
    </>
  );
}

/** 下载 PDF: read with the session's token (a plain link would carry none) and saved. */
function PdfButton({ report }: { report: YearEndReport }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = () => {
    setBusy(true);
    downloadReportPdf(report.id, `${report.province_name}${report.year}年度报告.pdf`)
      .catch((e: unknown) => void message.error(problemMessage(e, t)))
      .finally(() => setBusy(false));
  };
  return (
    <Button icon={<FilePdfOutlined />} loading={busy} onClick={download} data-testid="report-pdf">
      {t('yearEnd.downloadPdf')}
    </Button>
  );
}

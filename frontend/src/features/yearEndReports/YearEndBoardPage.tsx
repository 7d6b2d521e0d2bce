import { useState, type Key } from 'react';
import { App, Button, Card, DatePicker, Flex, Select, Statistic, Table, Typography } from 'antd';
import { BellOutlined, DownloadOutlined, FileZipOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { problemMessage } from '../../api/problem';
import type { YearEndBoardRow } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/states';
import { downloadYearPdfs, exportYearFigures, useRemind, useSetDeadline, useYearEndBoard } from './api';
import { yearParam } from './reportFilters';
import { BoardStateTag } from './ReportStatusTag';
import { boardCounts, remindable, reportYearNow, reportYears } from './reportLogic';

/**
 * 报送进度 (national admins): every province's report of a year — state, submission, days overdue,
 * last reminder — with the deadline (editable), 催报 for the ticked provinces, and the year's
 * figures as a spreadsheet and its reports as a zip of PDFs.
 */
export function YearEndBoardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const [params, setParams] = useSearchParams();
  const year = yearParam(params.get('year')) ?? reportYearNow();
  const board = useYearEndBoard(year);
  const setDeadline = useSetDeadline(year);
  const remind = useRemind(year);
  const [ticked, setTicked] = useState<{ year: number; keys: Key[] }>({ year, keys: [] });
  const selected = ticked.year === year ? ticked.keys.map(String) : [];
  const [busy, setBusy] = useState<'xlsx' | 'zip' | null>(null);

  const run = (what: 'xlsx' | 'zip') => {
    setBusy(what);
    (what === 'xlsx' ? exportYearFigures(year, 'xlsx') : downloadYearPdfs(year))
      .then((name) => void message.success(t('export.done', { name })))
      .catch((e: unknown) => void message.error(problemMessage(e, t)))
      .finally(() => setBusy(null));
  };

  const onDeadline = (d: Dayjs | null) => {
    if (!d) return;
    setDeadline
      .mutateAsync(d.format('YYYY-MM-DD'))
      .then(() => void message.success(t('yearEnd.deadlineSaved')))
      .catch((e: unknown) => void message.error(problemMessage(e, t)));
  };

  const onRemind = () =>
    remind
      .mutateAsync(selected)
      .then((r) => {
        setTicked({ year, keys: [] });
        if (r.notified === 0 && r.provinces.length > 0) void message.warning(t('yearEnd.remindedNobody', { provinces: r.provinces.length }));
        else void message.success(t('yearEnd.reminded', { provinces: r.provinces.length, count: r.notified }));
      })
      .catch((e: unknown) => void message.error(problemMessage(e, t)));

  const b = board.data;
  // the downloads hold the accepted reports only: nothing to download before one is accepted
  const noneAccepted = !b || (b.counts.accepted ?? 0) === 0;
  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('yearEnd.title'), to: `/year-end-reports?year=${year}` }]}
        title={t('yearEnd.board')}
        subTitle={t('yearEnd.boardSubtitle')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} disabled={busy !== null || noneAccepted} title={noneAccepted ? t('yearEnd.nothingAccepted') : undefined} onClick={() => run('xlsx')} data-testid="board-export-xlsx">
              {t('yearEnd.downloadFigures')}
            </Button>
            <Button icon={<FileZipOutlined />} loading={busy === 'zip'} disabled={busy !== null || noneAccepted} title={noneAccepted ? t('yearEnd.nothingAccepted') : undefined} onClick={() => run('zip')} data-testid="board-download-pdfs">
              {t('yearEnd.downloadPdfs')}
            </Button>
          </>
        }
      />
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <Flex gap={8} align="center">
          <Typography.Text>{t('yearEnd.year')}</Typography.Text>
          <Select
            aria-label={t('yearEnd.year')}
            data-testid="board-year"
            value={year}
            style={{ width: 120 }}
            onChange={(y: number) => setParams({ year: String(y) })}
            options={reportYears().map((y) => ({ value: y, label: t('yearEnd.yearOption', { year: y }) }))}
          />
        </Flex>
        <Flex gap={8} align="center">
          <Typography.Text>{t('yearEnd.deadline')}</Typography.Text>
          <DatePicker
            aria-label={t('yearEnd.deadline')}
            data-testid="board-deadline"
            allowClear={false}
            value={b ? dayjs(b.deadline) : null}
            disabled={!b || setDeadline.isPending}
            // the server takes 1 October of the year to 30 June of the next
            disabledDate={(d) => d.isBefore(dayjs(`${year}-10-01`), 'day') || d.isAfter(dayjs(`${year + 1}-06-30`), 'day')}
            defaultPickerValue={dayjs(`${year}-12-31`)}
            onChange={onDeadline}
          />
        </Flex>
      </Flex>
      {board.isError ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : !b ? (
        <LoadingState />
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={12} wrap data-testid="board-counts">
            {boardCounts(b.counts).map(({ state, count }) => (
              <Card key={state} size="small" style={{ flex: '1 1 110px', minWidth: 110 }} data-testid={`board-count-${state}`}>
                <Statistic title={<BoardStateTag state={state} />} value={count} />
              </Card>
            ))}
          </Flex>
          <Flex gap={8} align="center" wrap>
            <Button
              type="primary"
              icon={<BellOutlined />}
              disabled={selected.length === 0}
              loading={remind.isPending}
              onClick={() => void onRemind()}
              data-testid="board-remind"
            >
              {t('yearEnd.remind', { count: selected.length })}
            </Button>
            <Typography.Text type="secondary">{t('yearEnd.remindHint')}</Typography.Text>
          </Flex>
          <Table<YearEndBoardRow>
            size="small"
            rowKey="province_code"
            data-testid="board-table"
            dataSource={b.provinces}
            pagination={false}
            scroll={{ x: 'max-content' }}
            loading={board.isFetching && board.isPlaceholderData}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setTicked({ year, keys }),
              getCheckboxProps: (r) => ({ disabled: !remindable(r.state), 'aria-label': r.province_name }),
            }}
            onRow={(r) => ({ 'data-testid': 'board-row', 'data-province': r.province_code }) as object}
            columns={[
              {
                key: 'province',
                title: t('yearEnd.province'),
                render: (_, r) =>
                  r.report_id ? (
                    <Link to={`/year-end-reports/${r.report_id}`} data-testid="board-report-link">
                      {r.province_name}
                    </Link>
                  ) : (
                    r.province_name
                  ),
              },
              { key: 'key_counties', title: t('yearEnd.keyCounties'), dataIndex: 'key_counties', align: 'right' },
              { key: 'state', title: t('yearEnd.statusLabel'), render: (_, r) => <BoardStateTag state={r.state} /> },
              { key: 'submitted_at', title: t('yearEnd.submittedAtLabel'), render: (_, r) => formatDateTime(r.submitted_at) || '—' },
              {
                key: 'overdue',
                title: t('yearEnd.daysOverdue'),
                align: 'right',
                render: (_, r) =>
                  r.days_overdue != null && r.days_overdue > 0 ? (
                    <Typography.Text type="danger" strong data-testid="board-overdue">
                      {t('yearEnd.days', { count: r.days_overdue })}
                    </Typography.Text>
                  ) : (
                    '—'
                  ),
              },
              { key: 'reminded', title: t('yearEnd.lastReminded'), render: (_, r) => formatDateTime(r.last_reminded_at) || '—' },
            ]}
          />
        </Flex>
      )}
    </>
  );
}

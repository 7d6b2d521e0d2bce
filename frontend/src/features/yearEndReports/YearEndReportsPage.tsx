import { useState } from 'react';
import { App, Button, Flex, Select, Space } from 'antd';
import { BarChartOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import { DEPARTMENTS, REPORT_STATUSES, type ReportStatus, type YearEndReport } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { useProvinceOptions } from '../../components/referenceData';
import { useCurrentUser } from '../../session/context';
import { canReadYearEndBoard, canWriteYearEndReports } from '../../session/roles';
import { findReportOfYear, useCreateYearEndReport, useYearEndReports } from './api';
import { filtersFromSearch, filtersToSearch, reportListQuery, type ReportFilters } from './reportFilters';
import { reportYearNow, reportYears } from './reportLogic';
import { ReportStatusTag } from './ReportStatusTag';

/**
 * 年度报告: the reports the caller reads (a provincial officer their province's, with 撰写 for a
 * year; national admins every province's), filtered by year, status and province in the URL.
 */
export function YearEndReportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const formatDateTime = useFormatDateTime();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const table = useListTable('year-end-reports', filtersToSearch(filters).toString());
  const reports = useYearEndReports(reportListQuery(filters, table.cursor, table.limit));
  const provinces = useProvinceOptions();
  const create = useCreateYearEndReport();
  const national = canReadYearEndBoard(user.role);
  const [writeYear, setWriteYear] = useState(() => filters.year ?? reportYearNow());

  const update = (patch: Partial<ReportFilters>) => setParams(filtersToSearch({ ...filters, ...patch }));

  // one report per province and year: a 409 opens the one that exists
  const write = () =>
    create
      .mutateAsync(writeYear)
      .then((r) => navigate(`/year-end-reports/${r.id}`))
      .catch(async (e: unknown) => {
        if (e instanceof ApiError && e.status === 409) {
          const existing = await findReportOfYear(writeYear).catch(() => undefined);
          if (existing) return navigate(`/year-end-reports/${existing}`);
        }
        void message.error(problemMessage(e, t));
      });

  const columns: ListColumn<YearEndReport>[] = [
    {
      key: 'title',
      always: true,
      title: t('yearEnd.report'),
      render: (_, r) => (
        <Link to={`/year-end-reports/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="report-link">
          {t('yearEnd.reportTitle', { province: r.province_name, year: r.year })}
        </Link>
      ),
    },
    { key: 'year', title: t('yearEnd.year'), dataIndex: 'year', responsive: ['md'] },
    { key: 'status', always: true, title: t('yearEnd.statusLabel'), dataIndex: 'status', render: (s: ReportStatus) => <ReportStatusTag status={s} /> },
    {
      key: 'signatures',
      title: t('yearEnd.signatures'),
      label: t('yearEnd.signatures'),
      render: (_, r) => t('yearEnd.signedOf', { count: r.signatures.length, total: DEPARTMENTS.length }),
    },
    { key: 'submitted_at', title: t('yearEnd.submittedAtLabel'), responsive: ['md'], render: (_, r) => formatDateTime(r.submitted_at) || '—' },
    { key: 'updated_at', title: t('yearEnd.updatedAt'), responsive: ['lg'], render: (_, r) => formatDateTime(r.updated_at) },
  ];

  const filtered = Object.keys(filters).length > 0;

  return (
    <>
      <PageHeader
        title={t('yearEnd.title')}
        subTitle={t('yearEnd.subtitle')}
        extra={
          <Flex gap={8} wrap>
            {national && (
              <Link to={filters.year ? `/year-end-reports/board?year=${filters.year}` : '/year-end-reports/board'}>
                <Button icon={<BarChartOutlined />} data-testid="report-board-link">
                  {t('yearEnd.board')}
                </Button>
              </Link>
            )}
            {canWriteYearEndReports(user.role) && (
              <Space.Compact>
                <Select
                  aria-label={t('yearEnd.writeYear')}
                  data-testid="report-write-year"
                  value={writeYear}
                  onChange={setWriteYear}
                  style={{ width: 110 }}
                  options={reportYears().map((y) => ({ value: y, label: t('yearEnd.yearOption', { year: y }) }))}
                />
                <Button type="primary" icon={<EditOutlined />} loading={create.isPending} onClick={() => void write()} data-testid="report-create">
                  {t('yearEnd.write', { year: writeYear })}
                </Button>
              </Space.Compact>
            )}
          </Flex>
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Select
          allowClear
          aria-label={t('yearEnd.year')}
          data-testid="report-filter-year"
          placeholder={t('yearEnd.year')}
          style={{ width: 120 }}
          value={filters.year}
          onChange={(v?: number) => update({ year: v })}
          options={reportYears().map((y) => ({ value: y, label: t('yearEnd.yearOption', { year: y }) }))}
        />
        <Select
          allowClear
          aria-label={t('yearEnd.statusLabel')}
          data-testid="report-filter-status"
          placeholder={t('yearEnd.statusLabel')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(v?: ReportStatus) => update({ status: v })}
          options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`yearEnd.status.${s}`) }))}
        />
        {national && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('yearEnd.province')}
            data-testid="report-filter-province"
            placeholder={t('yearEnd.province')}
            style={{ width: 160 }}
            value={filters.province}
            onChange={(v?: string) => update({ province: v })}
            options={(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
          />
        )}
      </Flex>
      <ListTable<YearEndReport>
        table={table}
        query={reports}
        testId="report-table"
        rowKey="id"
        columns={columns}
        emptyText={filtered ? t('yearEnd.emptyFiltered') : canWriteYearEndReports(user.role) ? t('yearEnd.emptyWrite') : t('yearEnd.empty')}
        onRow={(r) => ({ onClick: () => navigate(`/year-end-reports/${r.id}`), style: { cursor: 'pointer' } })}
      />
    </>
  );
}

import { useState } from 'react';
import { Button, Flex, Input, Segmented, Select, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { INCIDENT_KINDS, INCIDENT_STATUSES, SEVERITIES, type Incident, type IncidentKind, type IncidentStatus, type Severity } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { IncidentKindTag, IncidentStatusTag, SeverityTag } from '../../components/incidents/IncidentTags';
import { useIncidentList } from '../../components/incidents/incidentsApi';
import { ReportIncidentModal } from '../../components/incidents/ReportIncidentModal';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { filtersFromSearch, filtersToSearch, incidentListQuery, isFiltered, scopeOf, withScope, type IncidentFilters, type IncidentScope } from './incidentFilters';

/** 事件处置: the incidents in the caller's view, most recently changed first, filtered in the URL. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formatDateTime = useFormatDateTime();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const table = useListTable('incidents', filtersToSearch(filters).toString());
  const incidents = useIncidentList(incidentListQuery(filters, table.cursor, table.limit));
  const [reporting, setReporting] = useState(false);

  const update = (patch: Partial<IncidentFilters>) => setParams(filtersToSearch({ ...filters, ...patch }));

  const columns: ListColumn<Incident>[] = [
    {
      key: 'title',
      always: true,
      title: t('incidents.name'),
      dataIndex: 'title',
      render: (title: string, i) => (
        <Link to={`/incidents/${i.id}`} onClick={(e) => e.stopPropagation()}>
          {title}
        </Link>
      ),
    },
    { key: 'kind', title: t('incidents.kindLabel'), dataIndex: 'kind', responsive: ['md'], render: (k: IncidentKind) => <IncidentKindTag kind={k} /> },
    { key: 'severity', always: true, title: t('incidents.severityLabel'), dataIndex: 'severity', render: (s: Severity) => <SeverityTag severity={s} /> },
    { key: 'status', always: true, title: t('incidents.statusLabel'), dataIndex: 'status', render: (s: IncidentStatus) => <IncidentStatusTag status={s} /> },
    { key: 'organization', title: t('incidents.organization'), dataIndex: 'organization_name', responsive: ['md'] },
    { key: 'county', title: t('incidents.county'), dataIndex: 'county_name', responsive: ['md'] },
    { key: 'occurred', title: t('incidents.occurredAt'), dataIndex: 'occurred_at', responsive: ['lg'], render: (at: string) => formatDateTime(at) },
    { key: 'updated', title: t('incidents.updatedAt'), dataIndex: 'updated_at', responsive: ['lg'], render: (at: string) => formatDateTime(at) },
  ];

  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        subTitle={t('incidents.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setReporting(true)} data-testid="incident-create">
            {t('incidents.create')}
          </Button>
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Segmented<IncidentScope>
          data-testid="incident-scope"
          value={scopeOf(filters)}
          options={[
            { value: 'all', label: t('incidents.scopeAll') },
            { value: 'open', label: t('incidents.scopeOpen') },
            { value: 'done', label: t('incidents.scopeDone') },
          ]}
          onChange={(v) => setParams(filtersToSearch(withScope(filters, v)))}
        />
        <Input.Search
          key={filters.q ?? ''}
          allowClear
          aria-label={t('common.search')}
          data-testid="incident-search"
          placeholder={t('incidents.searchPlaceholder')}
          defaultValue={filters.q}
          style={{ width: 200 }}
          onSearch={(v) => update({ q: v.trim() || undefined })}
        />
        <Select
          allowClear
          aria-label={t('incidents.statusLabel')}
          data-testid="incident-filter-status"
          placeholder={t('incidents.statusLabel')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(v?: IncidentStatus) => update({ status: v, open: undefined })}
          options={INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incidents.status.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('incidents.severityLabel')}
          data-testid="incident-filter-severity"
          placeholder={t('incidents.severityLabel')}
          style={{ width: 120 }}
          value={filters.severity}
          onChange={(v?: Severity) => update({ severity: v })}
          options={SEVERITIES.map((s) => ({ value: s, label: t(`incidents.severity.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('incidents.kindLabel')}
          data-testid="incident-filter-kind"
          placeholder={t('incidents.kindLabel')}
          style={{ width: 150 }}
          value={filters.kind}
          onChange={(v?: IncidentKind) => update({ kind: v })}
          options={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`incidents.kind.${k}`) }))}
        />
        {filters.organization && (
          <Tag closable onClose={() => update({ organization: undefined })} data-testid="incident-scope-organization">
            {t('incidents.scopeOrganization')}
          </Tag>
        )}
        {(filters.province || filters.county) && (
          <Tag closable onClose={() => update({ province: undefined, county: undefined })} data-testid="incident-scope-area">
            {t('incidents.scopeArea')}
          </Tag>
        )}
        {filters.project && (
          <Tag closable onClose={() => update({ project: undefined })} data-testid="incident-scope-project">
            {t('incidents.scopeProject')}
          </Tag>
        )}
      </Flex>
      <ListTable<Incident>
        table={table}
        query={incidents}
        testId="incident-table"
        rowKey="id"
        columns={columns}
        selectable
        emptyText={isFiltered(filters) ? t('incidents.emptyFiltered') : t('incidents.empty')}
        onRow={(i) => ({ onClick: () => navigate(`/incidents/${i.id}`), style: { cursor: 'pointer' } })}
      />
      {reporting && <ReportIncidentModal onClose={() => setReporting(false)} onReported={(i) => navigate(`/incidents/${i.id}`)} />}
    </>
  );
}

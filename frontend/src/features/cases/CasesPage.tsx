import { Button, Flex, Input, Select, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CASE_LINES, CASE_STATUSES, type Case, type CaseLine, type CaseStatus } from '../../api/types';
import { useFormatMoney } from '../../components/money';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useCurrentUser } from '../../session/context';
import { canWriteCases } from '../../session/roles';
import { exportCases, useCases, useCollections } from './api';
import { caseListQuery, filtersFromSearch, filtersToSearch, ownOrganizationOnly, type CaseFilters } from './caseFilters';
import { CaseLineTag, CaseStatusTag } from './CaseTags';
import { CasesTabs } from './CasesTabs';

/** 典型案例: the cases the caller may read, filtered in the URL; an organization's members start on their own. */
export function CasesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const table = useListTable('cases', filtersToSearch(filters).toString());
  const query = caseListQuery(filters, user, table.cursor, table.limit);
  const cases = useCases(query);
  const collections = useCollections();
  const formatMoney = useFormatMoney();
  const ownOnly = ownOrganizationOnly(filters, user);

  const update = (patch: Partial<CaseFilters>) => setParams(filtersToSearch({ ...filters, ...patch }));

  const columns: ListColumn<Case>[] = [
    {
      key: 'title',
      always: true,
      title: t('cases.name'),
      dataIndex: 'title',
      render: (title: string, c) => (
        <div style={{ minWidth: 160, maxWidth: 280 }}>
          <Link to={`/cases/${c.id}`} onClick={(e) => e.stopPropagation()}>
            {title}
          </Link>
        </div>
      ),
    },
    { key: 'collection', title: t('cases.collection'), responsive: ['md'], dataIndex: 'collection_title' },
    { key: 'organization', title: t('cases.organization'), dataIndex: 'organization_name' },
    { key: 'line', title: t('cases.line'), responsive: ['md'], dataIndex: 'line', render: (l: CaseLine) => <CaseLineTag line={l} /> },
    {
      key: 'status',
      always: true,
      title: t('cases.status'),
      dataIndex: 'status',
      render: (s: CaseStatus, c) => (
        <Flex gap={4} wrap>
          <CaseStatusTag status={s} />
          {c.public && <Tag color="green">{t('cases.public')}</Tag>}
        </Flex>
      ),
    },
    { key: 'funds_in_place', title: t('cases.figures.fundsInPlace'), responsive: ['md'], align: 'right', render: (_, c) => formatMoney(c.figures.funds_in_place) },
    { key: 'beneficiaries', title: t('cases.figures.beneficiaries'), responsive: ['md'], align: 'right', render: (_, c) => c.figures.beneficiaries_reached },
  ];

  return (
    <>
      <PageHeader
        title={t('cases.title')}
        subTitle={t('cases.subtitle')}
        extra={
          <Flex gap={8} wrap>
            <ExportButtons testId="case-export" run={(format, watch) => exportCases(format, query, watch)} />
            {canWriteCases(user.role) && (
              <Link to="/cases/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="case-create">
                  {t('cases.create')}
                </Button>
              </Link>
            )}
          </Flex>
        }
      />
      <CasesTabs active="list" />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Input.Search
          key={filters.q ?? ''}
          allowClear
          aria-label={t('common.search')}
          data-testid="case-search"
          placeholder={t('cases.searchPlaceholder')}
          defaultValue={filters.q}
          style={{ width: 220 }}
          onSearch={(v) => update({ q: v.trim() || undefined })}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('cases.collection')}
          data-testid="case-filter-collection"
          placeholder={t('cases.collection')}
          style={{ width: 240 }}
          value={filters.collection}
          loading={collections.isPending}
          onChange={(v?: string) => update({ collection: v })}
          options={collections.data?.items.map((c) => ({ value: c.id, label: `${c.year} · ${c.title}` }))}
        />
        <Select
          allowClear
          aria-label={t('cases.status')}
          data-testid="case-filter-status"
          placeholder={t('cases.status')}
          style={{ width: 130 }}
          value={filters.status}
          onChange={(v?: CaseStatus) => update({ status: v })}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('cases.line')}
          data-testid="case-filter-line"
          placeholder={t('cases.line')}
          style={{ width: 130 }}
          value={filters.line}
          onChange={(v?: CaseLine) => update({ line: v })}
          options={CASE_LINES.map((l) => ({ value: l, label: t(`cases.lines.${l}`) }))}
        />
        {user.role === 'org_member' && user.organization_id && (
          <Flex align="center" gap={6}>
            <Switch
              aria-label={t('cases.ownOnly')}
              data-testid="case-own-only"
              checked={ownOnly}
              onChange={(v) => update({ all: v ? undefined : true, organization: undefined })}
            />
            <Typography.Text>{t('cases.ownOnly')}</Typography.Text>
          </Flex>
        )}
      </Flex>
      <ListTable<Case>
        table={table}
        query={cases}
        testId="case-table"
        rowKey="id"
        columns={columns}
        selectable
        onRow={(c) => ({ onClick: () => navigate(`/cases/${c.id}`), style: { cursor: 'pointer' } })}
      />
    </>
  );
}

import { useState } from 'react';
import { Button, Flex, Input, Select, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ASSISTANCE_TYPES, NEED_STATUSES, PRIORITIES, type Need, type NeedListQuery } from '../../api/types';
import { CountyPicker } from '../../components/CountyPicker';
import { useFormatDateTime } from '../../components/format';
import { useFormatMoney } from '../../components/money';
import { ExportButtons } from '../../components/ExportButtons';
import { areaDefaults, useListView } from '../../components/listView';
import { SavedFilters } from '../../components/SavedFilters';
import { PageHeader } from '../../components/PageHeader';
import { useProvinceOptions } from '../../components/referenceData';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useCurrentUser } from '../../session/context';
import { canManageNeeds } from '../../session/roles';
import { exportNeeds, useNeeds } from './api';
import { NeedFormModal } from './NeedFormModal';
import { NEED_STATUS_COLOR } from './needStatus';

type Filters = Omit<NeedListQuery, 'cursor' | 'limit' | 'count'>;

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((v) => v === raw);
}

function fromSearch(p: URLSearchParams): Filters {
  return {
    q: p.get('q') || undefined,
    province: p.get('province') || undefined,
    county: p.get('county') || undefined,
    status: oneOf(NEED_STATUSES, p.get('status')),
    assistance_type: oneOf(ASSISTANCE_TYPES, p.get('assistance_type')),
    priority: oneOf(PRIORITIES, p.get('priority')),
  };
}

function toSearch(f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, String(v));
  return p;
}

export function NeedsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [params, setParams] = useListView('needs', user.id, areaDefaults(user, { province: 'province', county: 'county' }));
  const filters = fromSearch(params);
  const table = useListTable('needs', toSearch(filters).toString());
  const needs = useNeeds({ ...filters, limit: table.limit, cursor: table.cursor, count: true });
  const formatMoney = useFormatMoney();
  const provinces = useProvinceOptions();
  const formatDateTime = useFormatDateTime();
  const [creating, setCreating] = useState(false);

  const update = (patch: Partial<Filters>) => setParams(toSearch({ ...filters, ...patch }));

  const columns: ListColumn<Need>[] = [
    { key: 'title', always: true, title: t('need.name'), dataIndex: 'title', render: (title: string, n) => <Link to={`/needs/${n.id}`}>{title}</Link> },
    { key: 'county', title: t('need.county'), render: (_, n) => <Link to={`/counties/${n.county_code}`}>{`${n.county_name}（${n.county_code}）`}</Link> },
    { key: 'assistance_type', title: t('need.type'), responsive: ['md'], dataIndex: 'assistance_type', render: (v: Need['assistance_type']) => t(`assistanceType.${v}`) },
    { key: 'budget_estimate', title: t('need.budget'), responsive: ['md'], dataIndex: 'budget_estimate', align: 'right', render: (v: string) => formatMoney(v) },
    { key: 'priority', title: t('need.priority'), responsive: ['md'], dataIndex: 'priority', render: (v: Need['priority']) => <Tag color={v === 'high' ? 'red' : v === 'medium' ? 'orange' : 'default'}>{t(`priority.${v}`)}</Tag> },
    { key: 'status', always: true, title: t('need.status'), dataIndex: 'status', render: (v: Need['status']) => <Tag color={NEED_STATUS_COLOR[v]}>{t(`needStatus.${v}`)}</Tag> },
    { key: 'created_at', title: t('need.createdAt'), responsive: ['md'], dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader
        title={t('need.title')}
        subTitle={t('need.subtitle')}
        extra={
          <>
            <ExportButtons testId="need-export" run={(format, watch) => exportNeeds(format, filters, watch)} />
            {canManageNeeds(user.role) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="need-create">
                {t('need.create')}
              </Button>
            )}
          </>
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <SavedFilters list="needs" userId={user.id} search={toSearch(filters).toString()} onApply={(search) => setParams(new URLSearchParams(search))} />
        <Input.Search
          key={filters.q ?? ''}
          allowClear
          aria-label={t('common.search')}
          placeholder={t('need.searchPlaceholder')}
          defaultValue={filters.q}
          style={{ width: 220 }}
          onSearch={(v) => update({ q: v.trim() || undefined })}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('need.province')}
          placeholder={t('need.province')}
          style={{ width: 170 }}
          value={filters.province}
          onChange={(v?: string) => update({ province: v, county: undefined })}
          options={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
        />
        <div style={{ width: 280 }}>
          <CountyPicker province={filters.province} value={filters.county} onChange={(v) => update({ county: v })} />
        </div>
        <Select
          allowClear
          aria-label={t('need.status')}
          placeholder={t('need.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(v?: Need['status']) => update({ status: v })}
          options={NEED_STATUSES.map((s) => ({ value: s, label: t(`needStatus.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('need.type')}
          placeholder={t('need.type')}
          style={{ width: 120 }}
          value={filters.assistance_type}
          onChange={(v?: Need['assistance_type']) => update({ assistance_type: v })}
          options={ASSISTANCE_TYPES.map((s) => ({ value: s, label: t(`assistanceType.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('need.priority')}
          placeholder={t('need.priority')}
          style={{ width: 110 }}
          value={filters.priority}
          onChange={(v?: Need['priority']) => update({ priority: v })}
          options={PRIORITIES.map((s) => ({ value: s, label: t(`priority.${s}`) }))}
        />
      </Flex>
      <ListTable<Need>
        table={table}
        query={needs}
        testId="need-table"
        rowKey="id"
        columns={columns}
        selectable
        onRow={(n) => ({ onClick: () => navigate(`/needs/${n.id}`), style: { cursor: 'pointer' } })}
      />
      <NeedFormModal open={creating} onClose={() => setCreating(false)} onCreated={(n) => navigate(`/needs/${n.id}`)} />
    </>
  );
}

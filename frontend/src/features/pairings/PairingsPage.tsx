import { Button, Flex, Select, Switch, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ASSISTANCE_TYPES, CHANNELS, PAIRING_STATUSES, type Pairing } from '../../api/types';
import { CountyPicker } from '../../components/CountyPicker';
import { BulkAction } from '../../components/BulkAction';
import { AssistanceTypeTags, PairingStatusTag, ReviewFlagTag } from '../../components/EnumTags';
import { useFormatMoney } from '../../components/money';
import { ExportButtons } from '../../components/ExportButtons';
import { areaDefaults, useListView } from '../../components/listView';
import { SavedFilters } from '../../components/SavedFilters';
import { PageHeader } from '../../components/PageHeader';
import { useProvinceName, useProvinceOptions } from '../../components/referenceData';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useCurrentUser } from '../../session/context';
import { canProposePairings } from '../../session/roles';
import { exportPairings, useBulkTransitionPairings, usePairings } from './api';
import { InvitationsCard } from './InvitationsCard';
import { filtersFromSearch, filtersToSearch, pairingListQuery, type PairingFilters } from './pairingFilters';

export function PairingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [params, setParams] = useListView('pairings', user.id, areaDefaults(user, { province: 'province', county: 'county', organization: 'organization' }));
  const filters = filtersFromSearch(params);
  const table = useListTable('pairings', filtersToSearch(filters).toString());
  const pairings = usePairings(pairingListQuery(filters, table.cursor, table.limit));
  const bulkMove = useBulkTransitionPairings();
  const provinces = useProvinceOptions();
  const provinceName = useProvinceName();
  const formatMoney = useFormatMoney();

  const update = (patch: Partial<PairingFilters>) => setParams(filtersToSearch({ ...filters, ...patch }));

  const columns: ListColumn<Pairing>[] = [
    {
      key: 'county',
      always: true,
      title: t('pairing.county'),
      dataIndex: 'county_name',
      render: (name: string, p) => <Link to={`/pairings/${p.id}`}>{`${name}（${p.county_code}）`}</Link>,
    },
    { key: 'province', title: t('pairing.province'), responsive: ['md'], dataIndex: 'province_code', render: (c: string) => provinceName(c) },
    {
      key: 'organization',
      title: t('pairing.organization'),
      render: (_, p) => (
        <>
          {p.organizations[0]?.name}
          {p.organizations.length > 1 && <Typography.Text type="secondary">{` +${p.organizations.length - 1}`}</Typography.Text>}
        </>
      ),
    },
    { key: 'assistance_types', title: t('pairing.assistanceTypes'), responsive: ['md'], dataIndex: 'assistance_types', render: (v: Pairing['assistance_types']) => <AssistanceTypeTags types={v} /> },
    { key: 'channel', title: t('pairing.channel'), responsive: ['md'], dataIndex: 'channel', render: (c: Pairing['channel']) => t(`channel.${c}`) },
    { key: 'planned_funds', title: t('pairing.plannedFunds'), responsive: ['md'], dataIndex: 'planned_funds', align: 'right', render: (v: string) => formatMoney(v) },
    {
      key: 'status',
      always: true,
      title: t('pairing.status'),
      dataIndex: 'status',
      render: (s: Pairing['status'], p) => (
        <>
          <PairingStatusTag status={s} />
          {p.review_flag && <ReviewFlagTag reason={p.review_reason} />}
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('pairing.title')}
        subTitle={t('pairing.subtitle')}
        extra={
          <>
            <ExportButtons testId="pairing-export" run={(format, watch) => exportPairings(format, filters, watch)} />
            {canProposePairings(user.role) && (
              <Link to="/pairings/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="pairing-create">
                  {t('pairing.create')}
                </Button>
              </Link>
            )}
          </>
        }
      />
      {user.role === 'org_member' && user.organization_id && <InvitationsCard organizationId={user.organization_id} />}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <SavedFilters list="pairings" userId={user.id} search={filtersToSearch(filters).toString()} onApply={(search) => setParams(new URLSearchParams(search))} />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('pairing.province')}
          placeholder={t('pairing.province')}
          style={{ width: 170 }}
          value={filters.province}
          onChange={(v?: string) => update({ province: v, county: undefined })}
          options={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
        />
        <div style={{ width: 300 }}>
          <CountyPicker province={filters.province} value={filters.county} onChange={(v) => update({ county: v })} />
        </div>
        <Select
          allowClear
          aria-label={t('pairing.status')}
          data-testid="pairing-filter-status"
          placeholder={t('pairing.status')}
          style={{ width: 130 }}
          value={filters.status}
          onChange={(v?: Pairing['status']) => update({ status: v })}
          options={PAIRING_STATUSES.map((s) => ({ value: s, label: t(`pairingStatus.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('pairing.assistanceTypes')}
          placeholder={t('pairing.assistanceTypes')}
          style={{ width: 120 }}
          value={filters.assistance_type}
          onChange={(v?: Pairing['assistance_types'][number]) => update({ assistance_type: v })}
          options={ASSISTANCE_TYPES.map((s) => ({ value: s, label: t(`assistanceType.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('pairing.channel')}
          placeholder={t('pairing.channel')}
          style={{ width: 170 }}
          value={filters.channel}
          onChange={(v?: Pairing['channel']) => update({ channel: v })}
          options={CHANNELS.map((s) => ({ value: s, label: t(`channel.${s}`) }))}
        />
        <Flex align="center" gap={6}>
          <Switch
            aria-label={t('pairing.reviewOnly')}
            checked={!!filters.review_flag}
            onChange={(v) => update({ review_flag: v || undefined })}
          />
          <Typography.Text>{t('pairing.reviewOnly')}</Typography.Text>
        </Flex>
      </Flex>
      <ListTable<Pairing>
        table={table}
        query={pairings}
        testId="pairing-table"
        rowKey="id"
        columns={columns}
        selectable
        bulk={(rows, clear) =>
          // the moves a coordinator or a county makes on many pairings at once; each row says whether this caller may
          (['recommended', 'confirmed'] as const).map((to) => (
            <BulkAction<Pairing>
              key={to}
              testId={`pairing-bulk-${to}`}
              action={t(`transition.${to}`)}
              rows={rows}
              allows={(p) => p.allowed_transitions.includes(to)}
              run={(pairings) => bulkMove.mutateAsync({ pairings, to })}
              name={(p) => `${p.county_name} · ${p.organizations[0]?.name ?? ''}`}
              onDone={clear}
            />
          ))
        }
        onRow={(p) => ({ onClick: () => navigate(`/pairings/${p.id}`), style: { cursor: 'pointer' } })}
      />
    </>
  );
}

import { Button, Flex, Input, Select, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ASSISTANCE_TYPES, PROJECT_STATUSES, type ProjectSummary } from '../../api/types';
import { CountyPicker } from '../../components/CountyPicker';
import { ProjectStatusTag, ReviewFlagTag, StaleTag } from '../../components/EnumTags';
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
import { canCreateProjects } from '../../session/roles';
import { exportProjects, useCampaignOptions, useProjects } from './api';
import { InvitationsCard } from './InvitationsCard';
import { filtersFromSearch, filtersToSearch, projectListQuery, type ProjectFilters } from './projectFilters';
import { staleClassName } from './projectLogic';

export function ProjectsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [params, setParams] = useListView('projects', user.id, areaDefaults(user, { province: 'province', county: 'county', organization: 'organization' }));
  const filters = filtersFromSearch(params);
  const table = useListTable('projects', filtersToSearch(filters).toString());
  const query = projectListQuery(filters, table.cursor, table.limit);
  const projects = useProjects(query);
  const provinces = useProvinceOptions();
  const campaigns = useCampaignOptions();
  const formatMoney = useFormatMoney();
  const formatDateTime = useFormatDateTime();

  const update = (patch: Partial<ProjectFilters>) => setParams(filtersToSearch({ ...filters, ...patch }));

  const columns: ListColumn<ProjectSummary>[] = [
    {
      key: 'title',
      always: true,
      title: t('project.name'),
      dataIndex: 'title',
      render: (title: string, p) => (
        <>
          <Link to={`/projects/${p.id}`} onClick={(e) => e.stopPropagation()}>
            {title}
          </Link>
          {p.stale && (
            <>
              {' '}
              <StaleTag />
            </>
          )}
          {p.review != null && (
            <>
              {' '}
              <ReviewFlagTag />
            </>
          )}
        </>
      ),
    },
    { key: 'county', title: t('project.county'), responsive: ['sm'], dataIndex: 'county_name', render: (name: string, p) => `${name}（${p.county_code}）` },
    {
      key: 'lead',
      title: t('project.lead'),
      responsive: ['md'],
      render: (_, p) => {
        const lead = p.organizations.find((o) => o.role === 'lead') ?? p.organizations[0];
        return (
          <>
            {lead?.name}
            {p.organizations.length > 1 && <Typography.Text type="secondary">{` +${p.organizations.length - 1}`}</Typography.Text>}
          </>
        );
      },
    },
    { key: 'assistance_type', title: t('project.assistanceType'), dataIndex: 'assistance_type', responsive: ['md'], render: (v: ProjectSummary['assistance_type']) => <Tag color="geekblue">{t(`assistanceType.${v}`)}</Tag> },
    { key: 'planned_funds', title: t('project.plannedFunds'), responsive: ['md'], dataIndex: 'planned_funds', align: 'right', render: (v: string) => formatMoney(v) },
    { key: 'funds_in_place', title: t('project.fundsInPlace'), responsive: ['md'], dataIndex: 'funds_in_place', align: 'right', render: (v: string) => formatMoney(v) },
    { key: 'status', always: true, title: t('project.status'), dataIndex: 'status', render: (s: ProjectSummary['status']) => <ProjectStatusTag status={s} /> },
    { key: 'last_activity_at', title: t('project.lastActivity'), responsive: ['md'], dataIndex: 'last_activity_at', render: (v: string) => formatDateTime(v) },
  ];

  const scopeTags = (['organization', 'pairing', 'event', 'landing_declared', 'landed_year'] as const).filter((k) => filters[k]);

  return (
    <>
      <PageHeader
        title={t('project.title')}
        subTitle={t('project.subtitle')}
        extra={
          <>
            <ExportButtons testId="project-export" run={(format, watch) => exportProjects(format, query, watch)} />
            {canCreateProjects(user.role) && (
              <Link to="/projects/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="project-create">
                  {t('project.create')}
                </Button>
              </Link>
            )}
          </>
        }
      />
      {user.role === 'org_member' && user.organization_id && <InvitationsCard organizationId={user.organization_id} />}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <SavedFilters list="projects" userId={user.id} search={filtersToSearch(filters).toString()} onApply={(search) => setParams(new URLSearchParams(search))} />
        <Input.Search
          key={filters.q ?? ''}
          allowClear
          aria-label={t('common.search')}
          data-testid="project-search"
          placeholder={t('project.searchPlaceholder')}
          defaultValue={filters.q}
          style={{ width: 220 }}
          onSearch={(v) => update({ q: v.trim() || undefined })}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('project.province')}
          placeholder={t('project.province')}
          style={{ width: 160 }}
          value={filters.province}
          onChange={(v?: string) => update({ province: v, county: undefined })}
          options={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
        />
        <div style={{ width: 280 }}>
          <CountyPicker province={filters.province} value={filters.county} onChange={(v) => update({ county: v })} />
        </div>
        <Select
          allowClear
          aria-label={t('project.status')}
          data-testid="project-filter-status"
          placeholder={t('project.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(v?: ProjectSummary['status']) => update({ status: v })}
          options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projectStatus.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('project.assistanceType')}
          placeholder={t('project.assistanceType')}
          style={{ width: 120 }}
          value={filters.assistance_type}
          onChange={(v?: ProjectSummary['assistance_type']) => update({ assistance_type: v })}
          options={ASSISTANCE_TYPES.map((s) => ({ value: s, label: t(`assistanceType.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('project.campaign')}
          placeholder={t('project.campaign')}
          style={{ width: 200 }}
          value={filters.campaign}
          onChange={(v?: string) => update({ campaign: v, event: undefined })}
          options={campaigns.data?.items.map((c) => ({ value: c.id, label: `${c.year} · ${c.theme}` }))}
        />
        <Select
          aria-label={t('project.sort')}
          data-testid="project-sort"
          style={{ width: 130 }}
          value={filters.sort ?? '-updated_at'}
          onChange={(v: NonNullable<ProjectFilters['sort']>) => update({ sort: v === '-updated_at' ? undefined : v })}
          options={[
            { value: '-updated_at', label: t('project.sortUpdated') },
            { value: '-funds_in_place', label: t('project.sortFunds') },
          ]}
        />
        <Flex align="center" gap={6}>
          <Switch
            aria-label={t('project.staleOnly')}
            data-testid="project-stale-only"
            checked={!!filters.stale}
            onChange={(v) => update({ stale: v || undefined })}
          />
          <Typography.Text>{t('project.staleOnly')}</Typography.Text>
        </Flex>
        <Flex align="center" gap={6}>
          <Switch
            aria-label={t('project.reviewOnly')}
            data-testid="project-review-only"
            checked={!!filters.review_flag}
            onChange={(v) => update({ review_flag: v || undefined })}
          />
          <Typography.Text>{t('project.reviewOnly')}</Typography.Text>
        </Flex>
        <Flex align="center" gap={6}>
          <Switch
            aria-label={t('project.governmentPurchaseOnly')}
            checked={!!filters.government_purchase}
            onChange={(v) => update({ government_purchase: v || undefined })}
          />
          <Typography.Text>{t('project.governmentPurchaseOnly')}</Typography.Text>
        </Flex>
        {scopeTags.map((k) => (
          <Tag key={k} closable onClose={() => update({ [k]: undefined })} data-testid={`project-scope-${k}`}>
            {t(`project.scope.${k}`, { year: filters.landed_year })}
          </Tag>
        ))}
      </Flex>
      <ListTable<ProjectSummary>
        table={table}
        query={projects}
        testId="project-table"
        rowKey="id"
        columns={columns}
        selectable
        rowClassName={staleClassName}
        onRow={(p) => ({ onClick: () => navigate(`/projects/${p.id}`), style: { cursor: 'pointer' } })}
      />
    </>
  );
}

import { Button, Flex, Input, Segmented, Select, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { BRAND_LINES, BRAND_STATUSES, type Brand, type BrandFocus, type BrandLine, type BrandStatus } from '../../api/types';
import { BrandFocusTags, BrandLineTag, BrandStatusTag, ReviewFlagTag } from '../../components/EnumTags';
import { useFormatMoney } from '../../components/money';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useCurrentUser } from '../../session/context';
import { canRegisterBrands } from '../../session/roles';
import { exportBrands, useBrands } from './api';
import { brandListQuery, filtersFromSearch, filtersToSearch, ownBrandsOnly, type BrandFilters } from './brandFilters';
import { focusOptions } from './brandForm';

export function BrandsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const showAll = params.get('all') === 'true';
  // an organization's members start on their own brands (本组织品牌)
  const own = ownBrandsOnly(user, params);
  const effective: BrandFilters = own ? { ...filters, organization: own } : filters;
  const table = useListTable('brands', filtersToSearch(effective).toString());
  const query = brandListQuery(effective, table.cursor, table.limit);
  const brands = useBrands(query);
  const formatMoney = useFormatMoney();

  const update = (patch: Partial<BrandFilters>) => setParams(filtersToSearch({ ...filters, ...patch }, showAll));

  const columns: ListColumn<Brand>[] = [
    {
      key: 'name',
      always: true,
      title: t('brand.name'),
      dataIndex: 'name',
      render: (name: string, b) => (
        <>
          <Link to={`/brands/${b.id}`} onClick={(e) => e.stopPropagation()}>
            {name}
          </Link>
          {b.review != null && (
            <>
              {' '}
              <ReviewFlagTag />
            </>
          )}
        </>
      ),
    },
    { key: 'line', title: t('brand.line'), dataIndex: 'line', render: (l: BrandLine) => <BrandLineTag line={l} /> },
    { key: 'focus', title: t('brand.focus'), dataIndex: 'focus', responsive: ['lg'], render: (f: BrandFocus[]) => <BrandFocusTags focus={f} /> },
    { key: 'owner', title: t('brand.owner'), responsive: ['md'], dataIndex: 'owner_organization_name' },
    { key: 'status', always: true, title: t('brand.status'), dataIndex: 'status', render: (s: BrandStatus) => <BrandStatusTag status={s} /> },
    { key: 'projects', title: t('brand.projects'), responsive: ['md'], align: 'right', render: (_, b) => b.dossier.projects },
    { key: 'counties', title: t('brand.countiesReached'), responsive: ['md'], align: 'right', render: (_, b) => b.dossier.counties_reached },
    { key: 'funds', title: t('brand.fundsInPlace'), responsive: ['md'], align: 'right', render: (_, b) => formatMoney(b.dossier.funds_in_place) },
  ];

  const filtered = Object.keys(filters).some((k) => k !== 'sort');
  const empty = own && !filtered ? t('brand.emptyOwn') : filtered ? t('brand.emptyFiltered') : t('brand.empty');

  return (
    <>
      <PageHeader
        title={t('brand.title')}
        subTitle={t('brand.subtitle')}
        extra={
          <>
            <ExportButtons testId="brand-export" run={(format, watch) => exportBrands(format, query, watch)} />
            {canRegisterBrands(user.role) && (
              <Link to="/brands/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="brand-create">
                  {t('brand.create')}
                </Button>
              </Link>
            )}
          </>
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        {user.role === 'org_member' && user.organization_id && !filters.organization && (
          <Segmented<'own' | 'all'>
            data-testid="brand-scope"
            value={showAll ? 'all' : 'own'}
            options={[
              { value: 'own', label: t('brand.scopeOwn') },
              { value: 'all', label: t('brand.scopeAll') },
            ]}
            onChange={(v) => setParams(filtersToSearch(filters, v === 'all'))}
          />
        )}
        <Input.Search
          key={filters.q ?? ''}
          allowClear
          aria-label={t('common.search')}
          data-testid="brand-search"
          placeholder={t('brand.searchPlaceholder')}
          defaultValue={filters.q}
          style={{ width: 200 }}
          onSearch={(v) => update({ q: v.trim() || undefined })}
        />
        <Select
          allowClear
          aria-label={t('brand.line')}
          data-testid="brand-filter-line"
          placeholder={t('brand.line')}
          style={{ width: 130 }}
          value={filters.line}
          onChange={(v?: BrandLine) => update({ line: v, focus: v && filters.focus && !focusOptions(v).includes(filters.focus) ? undefined : filters.focus })}
          options={BRAND_LINES.map((l) => ({ value: l, label: t(`brandLine.${l}`) }))}
        />
        <Select
          allowClear
          aria-label={t('brand.focus')}
          data-testid="brand-filter-focus"
          placeholder={t('brand.focus')}
          style={{ width: 200 }}
          value={filters.focus}
          onChange={(v?: BrandFocus) => update({ focus: v })}
          options={focusOptions(filters.line).map((f) => ({ value: f, label: t(`brandFocus.${f}`) }))}
        />
        <Select
          allowClear
          aria-label={t('brand.status')}
          data-testid="brand-filter-status"
          placeholder={t('brand.status')}
          style={{ width: 140 }}
          value={filters.status}
          onChange={(v?: BrandStatus) => update({ status: v })}
          options={BRAND_STATUSES.map((s) => ({ value: s, label: t(`brandStatus.${s}`) }))}
        />
        <Select
          aria-label={t('brand.sort')}
          data-testid="brand-sort"
          style={{ width: 130 }}
          value={filters.sort ?? '-updated_at'}
          onChange={(v: NonNullable<BrandFilters['sort']>) => update({ sort: v === '-updated_at' ? undefined : v })}
          options={[
            { value: '-updated_at', label: t('brand.sortUpdated') },
            { value: 'name', label: t('brand.sortName') },
            { value: '-funds_in_place', label: t('brand.sortFunds') },
            { value: '-counties_reached', label: t('brand.sortCounties') },
          ]}
        />
        <Flex align="center" gap={6}>
          <Switch
            aria-label={t('brand.reviewOnly')}
            data-testid="brand-review-only"
            checked={!!filters.review_flag}
            onChange={(v) => update({ review_flag: v || undefined })}
          />
          <Typography.Text>{t('brand.reviewOnly')}</Typography.Text>
        </Flex>
        {filters.organization && (
          <Tag closable onClose={() => update({ organization: undefined })} data-testid="brand-scope-organization">
            {t('brand.scopeOrganization')}
          </Tag>
        )}
      </Flex>
      <ListTable<Brand>
        table={table}
        query={brands}
        testId="brand-table"
        rowKey="id"
        columns={columns}
        selectable
        emptyText={empty}
        onRow={(b) => ({ onClick: () => navigate(`/brands/${b.id}`), style: { cursor: 'pointer' } })}
      />
    </>
  );
}

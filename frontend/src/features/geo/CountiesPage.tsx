import { Flex, Input, Select, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { County } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { CursorPagination } from '../../components/CursorPagination';
import { EmptyState, ErrorState } from '../../components/states';
import { useCursorPager } from '../../components/useCursorPager';
import { useCounties, useProvinces } from './api';
import { countyListQuery, filtersFromSearch, filtersToSearch, type CountyFilters } from './countyFilters';
import { KeyCountyTag } from './KeyCountyTag';

export function CountiesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const pager = useCursorPager(filtersToSearch(filters).toString());
  const counties = useCounties(countyListQuery(filters, pager.cursor));
  const provinces = useProvinces();

  const update = (patch: Partial<CountyFilters>) => setParams(filtersToSearch({ ...filters, ...patch }));

  const columns: ColumnsType<County> = [
    { title: t('county.code'), dataIndex: 'code', width: 110 },
    { title: t('county.name'), dataIndex: 'name', render: (name: string, c) => <Link to={`/counties/${c.code}`}>{name}</Link> },
    { title: t('county.prefecture'), dataIndex: 'prefecture' },
    { title: t('county.province'), dataIndex: 'province_name' },
    {
      title: t('county.keyCounty'),
      dataIndex: 'key_county',
      render: (k: boolean) => (k ? <KeyCountyTag /> : null),
    },
  ];

  return (
    <>
      <PageHeader title={t('county.title')} />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('county.province')}
          data-testid="province-select"
          placeholder={t('county.provincePlaceholder')}
          style={{ width: 200 }}
          loading={provinces.isPending}
          value={filters.province}
          onChange={(v?: string) => update({ province: v })}
          options={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
        />
        <Flex align="center" gap={6}>
          <Switch
            data-testid="key-only-switch"
            aria-label={t('county.keyOnly')}
            checked={filters.keyOnly}
            onChange={(v) => update({ keyOnly: v })}
          />
          <Typography.Text>{t('county.keyOnly')}</Typography.Text>
        </Flex>
        <Input.Search
          key={filters.q ?? ''}
          allowClear
          aria-label={t('common.search')}
          data-testid="county-search"
          placeholder={t('county.searchPlaceholder')}
          defaultValue={filters.q}
          style={{ width: 260 }}
          onSearch={(v) => update({ q: v.trim() || undefined })}
        />
      </Flex>
      {counties.isError ? (
        <ErrorState error={counties.error} onRetry={() => void counties.refetch()} />
      ) : (
        <>
          <Table<County>
            data-testid="county-table"
            rowKey="code"
            size="middle"
            columns={columns}
            dataSource={counties.data?.items}
            loading={counties.isFetching}
            pagination={false}
            locale={{ emptyText: counties.isPending ? ' ' : <EmptyState /> }}
            onRow={(c) => ({ onClick: () => navigate(`/counties/${c.code}`), style: { cursor: 'pointer' } })}
          />
          <CursorPagination
            page={pager.page}
            hasPrev={pager.hasPrev}
            hasNext={!!counties.data?.next_cursor && !counties.isPlaceholderData}
            total={counties.data?.total}
            onPrev={pager.prev}
            onNext={() => pager.next(counties.data?.next_cursor)}
          />
        </>
      )}
    </>
  );
}

import { Flex, Input, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { County } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useCounties, useProvinces } from './api';
import { COUNTY_PAGE_SIZE, countyListQuery, filtersFromSearch, filtersToSearch, type CountyFilters } from './countyFilters';
import { KeyCountyTag } from './KeyCountyTag';

export function CountiesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const table = useListTable('counties', filtersToSearch(filters).toString(), COUNTY_PAGE_SIZE);
  const counties = useCounties(countyListQuery(filters, table.cursor, table.limit));
  const provinces = useProvinces();

  const update = (patch: Partial<CountyFilters>) => setParams(filtersToSearch({ ...filters, ...patch }));

  const columns: ListColumn<County>[] = [
    { key: 'code', title: t('county.code'), dataIndex: 'code', width: 110 },
    { key: 'name', always: true, title: t('county.name'), dataIndex: 'name', render: (name: string, c) => <Link to={`/counties/${c.code}`}>{name}</Link> },
    { key: 'prefecture', title: t('county.prefecture'), responsive: ['md'], dataIndex: 'prefecture' },
    { key: 'province', title: t('county.province'), dataIndex: 'province_name' },
    {
      key: 'key_county',
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
      <ListTable<County>
        table={table}
        query={counties}
        testId="county-table"
        rowKey="code"
        columns={columns}
        selectable
        onRow={(c) => ({ onClick: () => navigate(`/counties/${c.code}`), style: { cursor: 'pointer' } })}
      />
    </>
  );
}

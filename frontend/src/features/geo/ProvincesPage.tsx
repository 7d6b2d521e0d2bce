import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { EastWestPair, Province, Region } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/states';
import { useEastWestPairs, useProvinces } from './api';

const REGION_COLOR: Record<Region, string> = { east: 'blue', central: 'green', west: 'orange', northeast: 'purple' };

export function ProvincesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const provinces = useProvinces();
  const pairs = useEastWestPairs();

  const columns: ColumnsType<Province> = [
    { title: t('province.code'), dataIndex: 'code', width: 110 },
    {
      title: t('province.name'),
      dataIndex: 'name',
      render: (name: string, p) => <Link to={`/counties?province=${p.code}`}>{name}</Link>,
    },
    {
      title: t('province.region'),
      dataIndex: 'region',
      render: (r: Region) => <Tag color={REGION_COLOR[r]}>{t(`region.${r}`)}</Tag>,
    },
    { title: t('province.counties'), dataIndex: 'county_count', align: 'right' },
    {
      title: t('province.keyCounties'),
      dataIndex: 'key_county_count',
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text strong>{n}</Typography.Text> : n),
    },
  ];

  const pairColumns: ColumnsType<EastWestPair> = [
    { title: t('province.east'), dataIndex: 'east_province_name', width: 140 },
    { title: t('province.west'), dataIndex: 'west_province_name', width: 160 },
    { title: t('province.notes'), dataIndex: 'notes' },
  ];

  return (
    <>
      <PageHeader title={t('province.title')} />
      <QueryState query={provinces}>
        {(data) => (
          <Table<Province>
            data-testid="province-table"
            rowKey="code"
            size="middle"
            columns={columns}
            dataSource={data.items}
            pagination={false}
            onRow={(p) => ({ onClick: () => navigate(`/counties?province=${p.code}`), style: { cursor: 'pointer' } })}
          />
        )}
      </QueryState>
      <Typography.Title level={4} style={{ marginTop: 32 }}>
        {t('province.pairsTitle')}
      </Typography.Title>
      <QueryState query={pairs}>
        {(data) => (
          <Table<EastWestPair>
            data-testid="pairs-table"
            rowKey={(p) => `${p.east_province_code}-${p.west_province_code}`}
            size="small"
            columns={pairColumns}
            dataSource={data.items}
            pagination={false}
          />
        )}
      </QueryState>
    </>
  );
}

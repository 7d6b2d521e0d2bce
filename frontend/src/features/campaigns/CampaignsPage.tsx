import { useState } from 'react';
import { Button, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Campaign } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { useProvinceName } from '../../components/referenceData';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useCurrentUser } from '../../session/context';
import { canCreateCampaigns } from '../../session/roles';
import { useCampaigns } from './api';
import { CampaignFormModal } from './CampaignFormModal';
import { CountyName } from './CountyName';

/** 社会组织乡村行: the yearly campaigns with their themes and targets. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const campaigns = useCampaigns();
  const table = useListTable('campaigns');
  const provinceName = useProvinceName();
  const [creating, setCreating] = useState(false);
  const items = [...(campaigns.data?.items ?? [])].sort((a, b) => b.year - a.year);

  const columns: ListColumn<Campaign>[] = [
    { key: 'year', always: true, title: t('campaign.year'), dataIndex: 'year', width: 90 },
    {
      key: 'theme',
      always: true,
      title: t('campaign.theme'),
      dataIndex: 'theme',
      render: (theme: string, c) => (
        <Link to={`/campaigns/${c.id}`} onClick={(e) => e.stopPropagation()}>
          {theme}
        </Link>
      ),
    },
    {
      key: 'provinces',
      title: t('campaign.provinces'),
      dataIndex: 'province_codes',
      render: (codes: string[]) =>
        codes.length === 0 ? <Typography.Text type="secondary">{t('campaign.nationwide')}</Typography.Text> : codes.map((c) => <Tag key={c}>{provinceName(c)}</Tag>),
    },
    {
      key: 'counties',
      title: t('campaign.counties'),
      responsive: ['md'],
      dataIndex: 'county_codes',
      render: (codes: string[]) =>
        codes.length === 0 ? (
          '—'
        ) : (
          <Space size={4} wrap>
            {codes.slice(0, 6).map((c) => (
              <Tag key={c}>
                <CountyName code={c} />
              </Tag>
            ))}
            {codes.length > 6 && <Typography.Text type="secondary">{t('campaign.moreCounties', { count: codes.length - 6 })}</Typography.Text>}
          </Space>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('campaign.title')}
        subTitle={t('campaign.subtitle')}
        extra={
          canCreateCampaigns(user.role) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-create">
              {t('campaign.create')}
            </Button>
          )
        }
      />
      <ListTable<Campaign>
        table={table}
        query={campaigns}
        testId="campaign-table"
        rowKey="id"
        items={items}
        onRow={(c) => ({ onClick: () => navigate(`/campaigns/${c.id}`), style: { cursor: 'pointer' } })}
        columns={columns}
      />
      <CampaignFormModal open={creating} onClose={() => setCreating(false)} onCreated={(c) => navigate(`/campaigns/${c.id}`)} />
    </>
  );
}

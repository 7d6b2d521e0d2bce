import { App, Button, Card, Descriptions, Switch, Table, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, QueryState } from '../../components/states';
import { AssistanceTypeTags, PairingStatusTag, ReviewFlagTag } from '../../components/EnumTags';
import { useFormatMoney } from '../../components/money';
import type { Pairing } from '../../api/types';
import { useCurrentUser } from '../../session/context';
import { canEditKeyCounties } from '../../session/roles';
import { useCounty, useCountyPairings, useSetKeyCounty } from './api';
import { KeyCountyTag } from './KeyCountyTag';

export function CountyDetailPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const county = useCounty(code);
  const setKey = useSetKeyCounty(code);

  return (
    <>
      <PageHeader
        title={county.data ? `${county.data.data.name}（${county.data.data.code}）` : t('county.detailTitle')}
        extra={
          <Link to="/counties">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <QueryState query={county}>
        {({ data: c, etag }) => (
          <Descriptions bordered column={1} data-testid="county-detail" styles={{ label: { width: 180 } }}>
            <Descriptions.Item label={t('county.code')}>{c.code}</Descriptions.Item>
            <Descriptions.Item label={t('county.name')}>{c.name}</Descriptions.Item>
            <Descriptions.Item label={t('county.prefecture')}>{c.prefecture}</Descriptions.Item>
            <Descriptions.Item label={t('county.province')}>
              <Link to={`/counties?province=${c.province_code}`}>{c.province_name}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('county.coordinates')}>
              {c.longitude != null && c.latitude != null ? `${c.longitude.toFixed(4)}, ${c.latitude.toFixed(4)}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('county.keyCounty')}>
              {canEditKeyCounties(user.role) ? (
                <>
                  <Switch
                    data-testid="key-county-edit"
                    aria-label={t('county.setKeyCounty')}
                    checked={c.key_county}
                    loading={setKey.isPending}
                    onChange={(v) => {
                      if (!etag) return;
                      setKey.mutate(
                        { keyCounty: v, etag },
                        {
                          onSuccess: () => void message.success(t('county.updated')),
                          onError: (e) =>
                            void (e instanceof ApiError && e.status === 412
                              ? message.warning(t('error.stale'))
                              : message.error(problemMessage(e, t))),
                        },
                      );
                    }}
                  />{' '}
                  {c.key_county ? <KeyCountyTag /> : <Typography.Text type="secondary">{t('county.notKey')}</Typography.Text>}
                </>
              ) : c.key_county ? (
                <KeyCountyTag />
              ) : (
                t('county.notKey')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('county.updatedAt')}>{new Date(c.updated_at).toLocaleString()}</Descriptions.Item>
          </Descriptions>
        )}
      </QueryState>
      {county.data && <CountyPairings code={code} />}
    </>
  );
}

function CountyPairings({ code }: { code: string }) {
  const { t } = useTranslation();
  const pairings = useCountyPairings(code);
  const formatMoney = useFormatMoney();
  return (
    <Card title={t('pairing.countyPairings')} style={{ marginTop: 24 }} extra={<Link to={`/pairings/new?county=${code}`}>{t('pairing.create')}</Link>}>
      {pairings.isError ? (
        <ErrorState error={pairings.error} onRetry={() => void pairings.refetch()} />
      ) : (
        <Table<Pairing>
          data-testid="county-pairings"
          rowKey="id"
          size="small"
          loading={pairings.isPending}
          pagination={false}
          dataSource={pairings.data?.items}
          locale={{ emptyText: pairings.isPending ? ' ' : <EmptyState /> }}
          columns={[
            {
              title: t('pairing.organization'),
              render: (_, p) => <Link to={`/pairings/${p.id}`}>{p.organizations.map((o) => o.name).join('、')}</Link>,
            },
            { title: t('pairing.assistanceTypes'), dataIndex: 'assistance_types', render: (v: Pairing['assistance_types']) => <AssistanceTypeTags types={v} /> },
            { title: t('pairing.channel'), dataIndex: 'channel', render: (c: Pairing['channel']) => t(`channel.${c}`) },
            { title: t('pairing.plannedFunds'), dataIndex: 'planned_funds', align: 'right', render: (v: string) => formatMoney(v) },
            {
              title: t('pairing.status'),
              dataIndex: 'status',
              render: (s: Pairing['status'], p) => (
                <>
                  <PairingStatusTag status={s} />
                  {p.review_flag && <ReviewFlagTag reason={p.review_reason} />}
                </>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

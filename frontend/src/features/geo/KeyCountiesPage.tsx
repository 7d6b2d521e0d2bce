import { Alert, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KeyCountySummary } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/states';
import { useCurrentUser } from '../../session/context';
import { canEditKeyCounties } from '../../session/roles';
import { useKeyCountySummary } from './api';
import { ImportWizard } from './ImportWizard';

type ByProvince = KeyCountySummary['by_province'][number];

export function KeyCountiesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const summary = useKeyCountySummary();

  return (
    <>
      <PageHeader title={t('keyCounty.title')} />
      <QueryState query={summary}>
        {(s) => (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col xs={24} md={8}>
                <Card>
                  <Statistic title={t('keyCounty.target')} value={s.target} />
                </Card>
              </Col>
              <Col xs={24} md={8}>
                <Card>
                  <Statistic title={t('keyCounty.registered')} value={s.registered} styles={{ content: { color: '#3f8600' } }} />
                </Card>
              </Col>
              <Col xs={24} md={8}>
                <Card>
                  <Statistic
                    title={t('keyCounty.gap')}
                    value={s.gap}
                    styles={{ content: { color: s.gap > 0 ? '#cf1322' : undefined } }}
                  />
                </Card>
              </Col>
            </Row>
            <Alert
              data-testid="key-county-gap"
              type={s.gap > 0 ? 'warning' : 'success'}
              showIcon
              title={t('keyCounty.gapLine', { registered: s.registered, target: s.target, gap: s.gap })}
              style={{ marginBottom: 16 }}
            />
            <Typography.Title level={4}>{t('keyCounty.byProvince')}</Typography.Title>
            <Table<ByProvince>
              data-testid="key-county-by-province"
              rowKey="province_code"
              size="small"
              pagination={false}
              dataSource={s.by_province}
              columns={[
                { title: t('province.code'), dataIndex: 'province_code', width: 110 },
                { title: t('province.name'), dataIndex: 'province_name' },
                { title: t('keyCounty.planned'), dataIndex: 'target', align: 'right' },
                { title: t('keyCounty.registered'), dataIndex: 'registered', align: 'right' },
                {
                  title: t('keyCounty.gap'),
                  key: 'gap',
                  align: 'right',
                  // what the plan names in the province and nobody registered yet
                  render: (_: unknown, p: ByProvince) => Math.max(0, p.target - p.registered) || '—',
                },
              ]}
            />
          </>
        )}
      </QueryState>
      {canEditKeyCounties(user.role) && <ImportWizard />}
    </>
  );
}

import type { CSSProperties, ReactNode } from 'react';
import { Button, Card, Col, Flex, Layout, Progress, Row, Statistic, Typography } from 'antd';
import { LoginOutlined, TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BrandLine, ShowcaseTotals } from '../../api/types';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useFormatMoneyCompact } from '../../components/money';
import { EmptyState, QueryState } from '../../components/states';
import { useSession } from '../../session/context';
import { brandsByLine, useShowcase } from './api';
import { ShowcaseBrandCard, ShowcaseCaseCard } from './ShowcaseCards';
import { HonorsSection, RankingsSection } from './ShowcaseHonors';

const PAGE: CSSProperties = { maxWidth: 1200, margin: '0 auto', padding: '0 16px' };

/** 典型宣传: the national figures, the recognized brands of each line and the typical cases, for anyone. */
export function ShowcasePage() {
  const { t } = useTranslation();
  const { status } = useSession();
  const showcase = useShowcase();

  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Layout.Header style={{ background: '#fff', borderBottom: '1px solid #f0f0f0', paddingInline: 0, height: 'auto', lineHeight: 'normal' }}>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ ...PAGE, paddingBlock: 12 }}>
          <Typography.Text strong style={{ fontSize: 18 }}>
            {t('app.name')}
          </Typography.Text>
          <Flex gap={12} align="center">
            <LanguageSwitch />
            {status === 'authenticated' ? (
              <Link to="/">
                <Button>{t('showcase.workspace')}</Button>
              </Link>
            ) : (
              <Link to="/login">
                <Button icon={<LoginOutlined />}>{t('showcase.login')}</Button>
              </Link>
            )}
          </Flex>
        </Flex>
      </Layout.Header>
      <div style={{ background: 'linear-gradient(135deg, #b7312c 0%, #d4553a 100%)', color: '#fff', padding: '40px 0 32px' }}>
        <div style={PAGE}>
          <Typography.Title level={1} style={{ color: '#fff', margin: 0, fontSize: 'clamp(24px, 4vw, 36px)' }} data-testid="showcase-title">
            <TrophyOutlined aria-hidden /> {t('showcase.title')}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.88)', margin: '8px 0 0', fontSize: 16 }}>
            {t('showcase.subtitle')}
          </Typography.Paragraph>
        </div>
      </div>
      <Layout.Content style={{ ...PAGE, width: '100%', paddingBlock: 24 }}>
        <QueryState query={showcase}>
          {(s) => (
            <Flex vertical gap={32}>
              <Totals totals={s.totals} />
              <Section testId="showcase-honors" title={t('selections.showcase.title')} intro={t('selections.showcase.intro')}>
                <HonorsSection honors={s.honors} />
              </Section>
              <Section testId="showcase-rankings" title={t('scoring.ranking.title')} intro={t('scoring.ranking.intro')}>
                <RankingsSection rankings={s.rankings} />
              </Section>
              {brandsByLine(s).map(({ line, brands }) => (
                <Section
                  key={line}
                  testId={`showcase-line-${line}`}
                  title={t(`brandLine.${line}`)}
                  accent={line}
                  intro={`${t(`showcase.lineIntro.${line}`)} · ${t('showcase.brandCount', { count: brands.length })}`}
                >
                  {brands.length === 0 ? (
                    <Card>
                      <EmptyState description={t('showcase.noBrands')} />
                    </Card>
                  ) : (
                    <Row gutter={[16, 16]}>
                      {brands.map((b) => (
                        <Col key={b.id} xs={24} sm={12} lg={8} xl={6}>
                          <ShowcaseBrandCard brand={b} />
                        </Col>
                      ))}
                    </Row>
                  )}
                </Section>
              ))}
              <Section testId="showcase-cases" title={t('showcase.cases')}>
                {s.cases.length === 0 ? (
                  <Card>
                    <EmptyState description={t('showcase.noCases')} />
                  </Card>
                ) : (
                  <Row gutter={[16, 16]}>
                    {s.cases.map((c) => (
                      <Col key={c.id} xs={24} md={12}>
                        <ShowcaseCaseCard item={c} />
                      </Col>
                    ))}
                  </Row>
                )}
              </Section>
            </Flex>
          )}
        </QueryState>
      </Layout.Content>
    </Layout>
  );
}

function Section({ title, intro, accent, testId, children }: { title: string; intro?: string; accent?: BrandLine; testId: string; children: ReactNode }) {
  return (
    <section data-testid={testId}>
      <Flex align="baseline" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0, paddingLeft: 10, borderLeft: `4px solid ${accent ? LINE_ACCENT[accent] : '#b7312c'}` }}>
          {title}
        </Typography.Title>
        {intro && <Typography.Text type="secondary">{intro}</Typography.Text>}
      </Flex>
      {children}
    </section>
  );
}

/** The lines' tag colours (EnumTags) as CSS colours for the section marks. */
const LINE_ACCENT: Record<BrandLine, string> = { development: '#fa541c', construction: '#2f54eb', governance: '#722ed1' };

function Totals({ totals: s }: { totals: ShowcaseTotals }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoneyCompact();
  const covered = s.key_counties_target > 0 ? Math.round((s.key_counties_covered / s.key_counties_target) * 100) : 0;
  const figures: { key: string; title: string; value: ReactNode }[] = [
    { key: 'pairings', title: t('showcase.pairings'), value: s.pairings },
    { key: 'projects', title: t('showcase.projectsLanded'), value: s.projects_landed },
    { key: 'funds', title: t('showcase.fundsInPlace'), value: formatMoney(s.funds_in_place) },
    { key: 'recognized', title: t('showcase.brandsRecognized'), value: s.brands_recognized },
    { key: 'demonstration', title: t('showcase.brandsDemonstration'), value: s.brands_demonstration },
    { key: 'cases', title: t('showcase.typicalCases'), value: s.typical_cases },
  ];
  return (
    <Card title={t('showcase.totals')} data-testid="showcase-totals">
      <Row gutter={[24, 24]}>
        <Col xs={24} md={8}>
          <Statistic
            title={t('showcase.keyCounties')}
            value={s.key_counties_covered}
            valueRender={() => <span data-testid="showcase-key-counties">{`${s.key_counties_covered} / ${s.key_counties_target}`}</span>}
          />
          <Progress percent={covered} showInfo={false} strokeColor="#b7312c" aria-label={t('showcase.keyCounties')} />
        </Col>
        <Col xs={24} md={16}>
          <Row gutter={[16, 16]}>
            {figures.map((f) => (
              <Col key={f.key} xs={12} sm={8}>
                <Statistic title={f.title} value={0} valueRender={() => <span data-testid={`showcase-total-${f.key}`}>{f.value}</span>} />
              </Col>
            ))}
          </Row>
        </Col>
      </Row>
    </Card>
  );
}

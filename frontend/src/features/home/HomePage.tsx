import { useMemo } from 'react';
import { Alert, Col, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useCountyRefs, useOrganizationRef, useProvinceName } from '../../components/referenceData';
import { useCurrentUser } from '../../session/context';
import { ByStatusCard, FunnelCard, MapCard, RankingCard, TrendCards } from './HomeCards';
import { HomeTile } from './HomeTile';
import { homeLayout, type HomeLayout, type Tile } from './tiles';
import { chinaYear } from './trends';

/** 首页: the first page after login, the user's own figures and what waits for them. */
export function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const year = chinaYear();
  const layout = useMemo(() => homeLayout(user, year), [user, year]);

  return (
    <div data-testid="home" data-scope={layout.scope}>
      <PageHeader title={t('home.title')} subTitle={<ScopeLine layout={layout} />} />
      <Flex vertical gap={24}>
        {layout.evaluatorNote && <Alert type="info" showIcon data-testid="home-evaluator-note" title={t('home.evaluatorNote')} />}
        {layout.scope === 'published' && (
          <Typography.Text type="secondary" data-testid="home-published-note">
            {t('home.publishedNote')}
          </Typography.Text>
        )}
        <TileSection title={t('home.figures')} tiles={layout.figures} year={year} testid="home-figures" />
        {layout.todo.length > 0 && <TileSection title={t('home.todo')} tiles={layout.todo} year={year} todo testid="home-todo" />}
        {(layout.map || layout.funnel) && (
          <Row gutter={[16, 16]}>
            {layout.map && (
              <Col xs={24} xl={15}>
                <MapCard province={layout.area.province} />
              </Col>
            )}
            {layout.funnel && (
              <Col xs={24} xl={9}>
                <FunnelCard province={layout.area.province} />
              </Col>
            )}
          </Row>
        )}
        <Row gutter={[16, 16]}>
          {layout.byStatus && (
            <Col xs={24} lg={8}>
              <ByStatusCard layout={layout} />
            </Col>
          )}
          <TrendCards area={layout.area} year={year} span={{ lg: layout.byStatus ? 8 : 12 }} />
        </Row>
        {layout.ranking && <RankingCard by={layout.ranking} province={layout.area.province} />}
      </Flex>
    </div>
  );
}

function TileSection({ title, tiles, year, todo, testid }: { title: string; tiles: Tile[]; year: number; todo?: boolean; testid: string }) {
  // six figures: three a row on a laptop, six on a wide screen; to-dos four or three a row
  const span = todo ? { xs: 24, sm: 12, lg: tiles.length >= 4 ? 6 : 8 } : { xs: 24, sm: 12, lg: 8, xxl: tiles.length === 6 ? 4 : 8 };
  return (
    <section aria-label={title} data-testid={testid}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {tiles.map((tile) => (
          <Col key={tile.key} {...span}>
            <HomeTile tile={tile} todo={todo} year={year} />
          </Col>
        ))}
      </Row>
    </section>
  );
}

/** Whose figures these are: the nation, a province, a county, an organization, or the published ones. */
function ScopeLine({ layout }: { layout: HomeLayout }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  switch (layout.scope) {
    case 'province':
      return <ProvinceLine code={user.province_code} />;
    case 'county':
      return <CountyLine code={user.county_code} />;
    case 'organization':
      return <OrganizationLine id={user.organization_id} />;
    default:
      return <span data-testid="home-scope">{t(`home.subtitle.${layout.scope}`)}</span>;
  }
}

function ProvinceLine({ code }: { code?: string | null }) {
  const { t } = useTranslation();
  const name = useProvinceName()(code);
  return <span data-testid="home-scope">{t('home.subtitle.province', { name })}</span>;
}

function CountyLine({ code }: { code?: string | null }) {
  const { t } = useTranslation();
  const counties = useCountyRefs(code ? [code] : []);
  const name = (code && counties.get(code)?.name) || code || '';
  return <span data-testid="home-scope">{t('home.subtitle.county', { name })}</span>;
}

function OrganizationLine({ id }: { id?: string | null }) {
  const { t } = useTranslation();
  const org = useOrganizationRef(id);
  return <span data-testid="home-scope">{t('home.subtitle.organization', { name: org.data?.name ?? '' })}</span>;
}

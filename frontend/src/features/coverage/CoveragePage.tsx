import { lazy, Suspense, useMemo } from 'react';
import { Alert, Card, Col, Flex, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Coverage, KeyCountyCoverage } from '../../api/types';
import { EChart } from '../../components/EChart';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, LoadingState, QueryState } from '../../components/states';
import { useCoverage } from './api';
import { COVERAGE_COLORS, coverageRate } from '../../components/coverageMap/coverageColors';
import { areaDefaults, useListView } from '../../components/listView';
import { useCurrentUser } from '../../session/context';

// the map (ECharts' map chart and the 2.4 MB boundaries) loads only when this page is shown
const CoverageMap = lazy(() => import('../../components/coverageMap/CoverageMap'));

const FIRST_YEAR = 2021;

export function CoveragePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  // a province's or county's officer opens on their province; the selector widens it
  const [params, setParams] = useListView('coverage', user.id, areaDefaults(user, { province: 'province' }));
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= FIRST_YEAR ? yearParam : undefined;
  // Provincial and county officers' coverage is their province's whatever they ask (the server
  // scopes it): the page says so and cannot be widened, so the map never counts other provinces'
  // key counties among the non-key ones.
  const ownProvince = user.role === 'provincial_officer' || user.role === 'county_officer' ? (user.province_code ?? undefined) : undefined;
  const province = ownProvince ?? (params.get('province') || undefined);
  const coverage = useCoverage(year, province);
  const allProvinces = useCoverage(year, ownProvince); // the selector's list stays whole when zoomed
  const provinceOptions = (allProvinces.data?.by_province ?? []).map((p) => ({ value: p.province_code, label: p.province_name }));

  const set = (k: string, v?: string | number) => {
    const next = new URLSearchParams(params);
    if (v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
    setParams(next);
  };

  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - FIRST_YEAR + 2 }, (_, i) => FIRST_YEAR + i).reverse();

  return (
    <>
      <PageHeader
        title={t('coverage.title')}
        subTitle={t('coverage.subtitle')}
        extra={
          <>
            <Select
              aria-label={t('coverage.year')}
              data-testid="coverage-year"
              style={{ width: 130 }}
              value={year ?? 0}
              onChange={(v: number) => set('year', v || undefined)}
              options={[{ value: 0, label: t('coverage.allYears') }, ...years.map((y) => ({ value: y, label: String(y) }))]}
            />
            <Select
              aria-label={t('coverage.province')}
              data-testid="coverage-province"
              style={{ width: 200 }}
              value={province ?? ''}
              disabled={!!ownProvince}
              loading={allProvinces.isPending}
              onChange={(v: string) => set('province', v || undefined)}
              options={ownProvince ? provinceOptions : [{ value: '', label: t('coverage.allProvinces') }, ...provinceOptions]}
            />
          </>
        }
      />
      <QueryState query={coverage}>{(c) => <CoverageBody coverage={c} province={province} />}</QueryState>
    </>
  );
}

function CoverageBody({ coverage: c, province }: { coverage: Coverage; province?: string }) {
  const { t } = useTranslation();
  // The gap is measured against the plan's list (160 nationally), not what is registered: the
  // counties nobody registered yet are their own part of it.
  const uncovered = c.target - c.covered;

  const byProvince = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('coverage.target'), t('coverage.registered'), t('coverage.covered')] },
      grid: { left: 40, right: 16, bottom: 70, top: 40 },
      xAxis: { type: 'category', data: c.by_province.map((p) => p.province_name), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('coverage.target'), type: 'bar', data: c.by_province.map((p) => p.target), itemStyle: { color: '#d9d9d9' } },
        { name: t('coverage.registered'), type: 'bar', data: c.by_province.map((p) => p.key_counties), itemStyle: { color: '#91caff' } },
        { name: t('coverage.covered'), type: 'bar', data: c.by_province.map((p) => p.covered), itemStyle: { color: COVERAGE_COLORS.covered } },
      ],
    }),
    [c.by_province, t],
  );

  const byType = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('coverage.coveredCounties'), t('coverage.activePairingsCol')] },
      grid: { left: 40, right: 16, bottom: 40, top: 40 },
      xAxis: { type: 'category', data: c.by_assistance_type.map((r) => t(`assistanceType.${r.assistance_type}`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('coverage.coveredCounties'), type: 'bar', data: c.by_assistance_type.map((r) => r.covered_counties), itemStyle: { color: COVERAGE_COLORS.covered } },
        { name: t('coverage.activePairingsCol'), type: 'bar', data: c.by_assistance_type.map((r) => r.active_pairings), itemStyle: { color: '#722ed1' } },
      ],
    }),
    [c.by_assistance_type, t],
  );

  const countyColumns = [
    {
      title: t('coverage.county'),
      dataIndex: 'name',
      render: (name: string, k: KeyCountyCoverage) => <Link to={`/counties/${k.code}`}>{`${name}（${k.code}）`}</Link>,
    },
    { title: t('coverage.province'), dataIndex: 'province_name' },
  ];

  return (
    <Flex vertical gap={24}>
      {c.unregistered > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="coverage-unregistered"
          message={t('coverage.unregisteredNotice', { count: c.unregistered })}
          action={<Link to="/key-counties">{t('coverage.registerLink')}</Link>}
        />
      )}
      <Row gutter={[16, 16]} data-testid="coverage-stats">
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('coverage.target')} value={c.target} data-testid="stat-key-counties" />
            <Typography.Text type="secondary">{`${t('coverage.registered')} ${c.key_counties}`}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              title={t('coverage.covered')}
              value={c.covered}
              styles={{ content: { color: COVERAGE_COLORS.covered } }}
              data-testid="stat-covered"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              title={t('coverage.uncovered')}
              value={uncovered}
              styles={{ content: { color: COVERAGE_COLORS.uncovered } }}
              data-testid="stat-uncovered"
            />
            <Typography.Text type="secondary" data-testid="stat-uncovered-parts">
              {t('coverage.uncoveredParts', { registered: c.uncovered.length, unregistered: c.unregistered })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('coverage.rate')} value={coverageRate(c.covered, c.target)} data-testid="stat-rate" />
            <Typography.Text type="secondary">{t('coverage.rateOf', { covered: c.covered, target: c.target })}</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card title={t('coverage.map')}>
        <Suspense fallback={<LoadingState />}>
          <CoverageMap counties={c.counties} province={province} />
        </Suspense>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('coverage.byProvince')}>
            {c.by_province.length > 0 ? <EChart option={byProvince} height={300} /> : <EmptyState />}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('coverage.byType')}>
            {c.by_assistance_type.length > 0 ? <EChart option={byType} height={300} /> : <EmptyState />}
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            title={
              <>
                {t('coverage.uncoveredList')} <Tag color="red">{c.uncovered.length}</Tag>
                {c.unregistered > 0 && <Tag>{t('coverage.uncoveredParts', { registered: c.uncovered.length, unregistered: c.unregistered })}</Tag>}
              </>
            }
          >
            {c.uncovered.length === 0 && c.unregistered === 0 ? (
              <Typography.Text type="success">{t('coverage.allCovered')}</Typography.Text>
            ) : (
              <Table<KeyCountyCoverage>
                data-testid="uncovered-table"
                scroll={{ x: 'max-content' }}
                size="small"
                rowKey="code"
                dataSource={c.uncovered}
                columns={countyColumns}
                pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('coverage.concentratedList')}>
            <Table<KeyCountyCoverage>
              data-testid="concentrated-table"
              scroll={{ x: 'max-content' }}
              size="small"
              rowKey="code"
              dataSource={c.concentrated}
              locale={{ emptyText: <EmptyState description={t('coverage.none')} /> }}
              columns={[...countyColumns, { title: t('coverage.pairings'), dataIndex: 'active_pairings', align: 'right' as const }]}
              pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
            />
          </Card>
        </Col>
      </Row>
      {c.flagged.length > 0 && (
        <Card
          title={
            <>
              {t('coverage.flaggedList')} <Tag color="warning">{c.flagged.length}</Tag>
            </>
          }
        >
          <Typography.Paragraph type="secondary">{t('coverage.flaggedHint')}</Typography.Paragraph>
          <Table<KeyCountyCoverage>
            data-testid="flagged-table"
            scroll={{ x: 'max-content' }}
            size="small"
            rowKey="code"
            dataSource={c.flagged}
            columns={[
              ...countyColumns,
              { title: t('coverage.pairings'), dataIndex: 'active_pairings', align: 'right' as const },
              {
                title: t('coverage.flaggedPairings'),
                dataIndex: 'flagged_pairings',
                align: 'right' as const,
                render: (n: number, k: KeyCountyCoverage) => <Link to={`/pairings?county=${k.code}&review_flag=true`}>{n}</Link>,
              },
            ]}
            pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
          />
        </Card>
      )}
    </Flex>
  );
}

import { useEffect, useMemo, useState } from 'react';
import { Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { KeyCountyCoverage } from '../../api/types';
import { EChart } from '../EChart';
import { ErrorState } from '../states';
import { COVERAGE_COLORS, mapCounts, mapItems, type CountyFeature } from './coverageColors';
import { loadKeyProvinces, loadProvinceOutlines, mapFor, type ProvinceOutline } from './geo';

/**
 * The key counties on the county boundaries of the western provinces, by coverage (never a
 * national outline), under the provinces' borders and names. Shared by the coverage page and the
 * home dashboard; a province code zooms in to it (its border only). A click opens the county.
 */
export default function CoverageMap({
  counties,
  province,
  height = 520,
}: {
  counties: KeyCountyCoverage[];
  province?: string;
  height?: number;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [features, setFeatures] = useState<CountyFeature[] | null>(null);
  const [outlines, setOutlines] = useState<ProvinceOutline[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([loadKeyProvinces(), loadProvinceOutlines()])
      .then(([f, o]) => {
        if (!live) return;
        setFeatures(f);
        setOutlines(o);
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [attempt]);

  const items = useMemo(() => (features ? mapItems(features, counties, province) : []), [features, counties, province]);
  const counts = mapCounts(items);
  const byCode = useMemo(() => new Map(items.map((i) => [i.name, i])), [items]);
  const mapName = features ? mapFor(province) : null;
  const shown = useMemo(() => (outlines ?? []).filter((o) => !province || o.code === province), [outlines, province]);

  const option = useMemo(
    () =>
      mapName && {
        tooltip: {
          trigger: 'item',
          formatter: (p: { name: string }) => {
            const d = byCode.get(p.name);
            if (!d) return '';
            const state = d.state === 'covered' ? t('coverage.mapLegendCovered') : d.state === 'uncovered' ? t('coverage.mapLegendUncovered') : t('coverage.mapLegendOther');
            return `${d.county}（${d.name}）<br/>${state}${d.state === 'other' ? '' : ` · ${t('coverage.activePairings', { count: d.activePairings })}`}`;
          },
        },
        // the counties: regions named by code, coloured by coverage
        geo: {
          map: mapName,
          roam: true,
          aspectScale: 0.85,
          selectedMode: false,
          tooltip: { show: true },
          itemStyle: { areaColor: COVERAGE_COLORS.other, borderColor: '#ffffff', borderWidth: 0.4 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#faad14' } },
          label: { show: false },
          regions: items.map((i) => ({ name: i.name, itemStyle: i.itemStyle })),
        },
        // the provinces over them: borders and names, silent so hovers and clicks reach the county
        series: [
          {
            type: 'lines',
            coordinateSystem: 'geo',
            polyline: true,
            silent: true,
            animation: false,
            lineStyle: { color: '#595959', width: 1.2, opacity: 0.9 },
            data: shown.flatMap((o) => o.rings.map((coords) => ({ coords }))),
          },
          {
            type: 'scatter',
            coordinateSystem: 'geo',
            silent: true,
            animation: false,
            symbolSize: 0,
            // smaller on the dashboard's phone-sized map, where ten names crowd
            label: { show: true, formatter: '{b}', fontSize: height < 400 ? 11 : 13, fontWeight: 'bold', color: '#262626', textBorderColor: '#ffffff', textBorderWidth: 3 },
            data: shown.map((o) => ({ name: o.name, value: o.label })),
          },
        ],
      },
    [mapName, items, byCode, shown, height, t],
  );

  if (error) {
    return (
      <ErrorState
        error={error}
        onRetry={() => {
          setError(null);
          setAttempt((a) => a + 1);
        }}
      />
    );
  }

  return (
    <div
      data-testid="coverage-map"
      data-ready={features ? 'true' : 'false'}
      data-covered={counts.covered}
      data-uncovered={counts.uncovered}
      data-other={counts.other}
      data-regions={items.length}
      data-provinces={shown.map((o) => o.name).join(',')}
    >
      {!option ? (
        <Flex justify="center" align="center" style={{ height }}>
          <Spin description={t('coverage.mapLoading')} />
        </Flex>
      ) : (
        <EChart
          option={option}
          height={height}
          onClick={({ name }) => {
            if (byCode.has(name)) navigate(`/counties/${name}`);
          }}
        />
      )}
      <Flex gap={20} justify="center" wrap>
        {(['covered', 'uncovered', 'other'] as const).map((s) => (
          <Flex key={s} align="center" gap={6} data-testid={`map-legend-${s}`}>
            <span style={{ width: 14, height: 14, borderRadius: 3, background: COVERAGE_COLORS[s], border: '1px solid #d9d9d9' }} />
            <Typography.Text>
              {t(s === 'covered' ? 'coverage.mapLegendCovered' : s === 'uncovered' ? 'coverage.mapLegendUncovered' : 'coverage.mapLegendOther')}{' '}
              <Typography.Text strong>{counts[s]}</Typography.Text>
            </Typography.Text>
          </Flex>
        ))}
      </Flex>
    </div>
  );
}

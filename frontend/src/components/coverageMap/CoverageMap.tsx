import { useEffect, useMemo, useState } from 'react';
import { Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { KeyCountyCoverage } from '../../api/types';
import { EChart } from '../EChart';
import { ErrorState } from '../states';
import { COVERAGE_COLORS, mapCounts, mapItems, type CountyFeature, type MapItem } from './coverageColors';
import { loadKeyProvinces, mapFor } from './geo';

/**
 * The key counties on the county boundaries of the western provinces, by coverage (never a
 * national outline). Shared by the coverage page and the home dashboard; a province code zooms in.
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
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    loadKeyProvinces()
      .then((f) => live && setFeatures(f))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [attempt]);

  const items = useMemo(() => (features ? mapItems(features, counties, province) : []), [features, counties, province]);
  const counts = mapCounts(items);
  const mapName = features ? mapFor(province) : null;

  const option = useMemo(
    () =>
      mapName && {
        tooltip: {
          trigger: 'item',
          formatter: (p: { data?: MapItem }) => {
            const d = p.data;
            if (!d) return '';
            const state = d.state === 'covered' ? t('coverage.mapLegendCovered') : d.state === 'uncovered' ? t('coverage.mapLegendUncovered') : t('coverage.mapLegendOther');
            return `${d.county}（${d.name}）<br/>${state}${d.state === 'other' ? '' : ` · ${t('coverage.activePairings', { count: d.activePairings })}`}`;
          },
        },
        series: [
          {
            type: 'map',
            map: mapName,
            roam: true,
            aspectScale: 0.85,
            selectedMode: false,
            itemStyle: { areaColor: COVERAGE_COLORS.other, borderColor: '#ffffff', borderWidth: 0.4 },
            emphasis: { label: { show: false }, itemStyle: { areaColor: '#faad14' } },
            label: { show: false },
            data: items,
          },
        ],
      },
    [mapName, items, t],
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
      data-regions={items.length}
    >
      {!option ? (
        <Flex justify="center" align="center" style={{ height }}>
          <Spin description={t('coverage.mapLoading')} />
        </Flex>
      ) : (
        <EChart
          option={option}
          height={height}
          onClick={({ data }) => {
            const d = data as MapItem | undefined;
            if (d && d.state !== 'other') navigate(`/counties/${d.name}`);
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

import { useEffect, useMemo } from 'react';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { exportStatisticsTable } from './api';
import { chinaToday, parseExplorer, serializeExplorer, tableQuery, type Go, type Mode } from './explorerState';
import { RollupView } from './RollupView';
import { SeriesView } from './SeriesView';

export function StatisticsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const today = useMemo(() => chinaToday(), []);
  const state = useMemo(() => parseExplorer(params, today), [params, today]);

  // the URL always spells out the whole query (defaults included, wrong parts dropped), so a link
  // copied at any moment reopens exactly this table
  const canonical = serializeExplorer(state, today).toString();
  useEffect(() => {
    if (canonical !== params.toString()) setParams(new URLSearchParams(canonical), { replace: true });
  }, [canonical, params, setParams]);

  const go: Go = (next, options) => setParams(serializeExplorer(next, today), { replace: options?.replace ?? false });

  return (
    <>
      <PageHeader
        title={t('statistics.title')}
        subTitle={t('statistics.subtitle')}
        extra={
          state.mode === 'rollup' && (
            <ExportButtons testId="statistics-export" run={(format, watch) => exportStatisticsTable(state.fact, format, tableQuery(state), watch)} />
          )
        }
      />
      <Tabs
        data-testid="statistics-mode"
        activeKey={state.mode}
        onChange={(mode) => go({ ...state, mode: mode as Mode })}
        items={[
          { key: 'rollup', label: t('statistics.modes.rollup') },
          { key: 'series', label: t('statistics.modes.series') },
        ]}
      />
      {state.mode === 'rollup' ? <RollupView state={state} go={go} /> : <SeriesView state={state} go={go} today={today} />}
    </>
  );
}

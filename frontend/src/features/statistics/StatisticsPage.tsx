import { useEffect, useMemo, useState } from 'react';
import { App, Button, Tabs } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { problemMessage } from '../../api/problem';
import type { ExportFormat } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { exportStatisticsTable } from './api';
import { chinaToday, parseExplorer, serializeExplorer, tableQuery, type Go, type Mode } from './explorerState';
import { RollupView } from './RollupView';
import { SeriesView } from './SeriesView';

export function StatisticsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const today = useMemo(() => chinaToday(), []);
  const state = useMemo(() => parseExplorer(params, today), [params, today]);
  const [exporting, setExporting] = useState<ExportFormat | null>(null);

  // the URL always spells out the whole query (defaults included, wrong parts dropped), so a link
  // copied at any moment reopens exactly this table
  const canonical = serializeExplorer(state, today).toString();
  useEffect(() => {
    if (canonical !== params.toString()) setParams(new URLSearchParams(canonical), { replace: true });
  }, [canonical, params, setParams]);

  const go: Go = (next, options) => setParams(serializeExplorer(next, today), { replace: options?.replace ?? false });

  const download = (format: ExportFormat) => {
    setExporting(format);
    exportStatisticsTable(state.fact, format, tableQuery(state))
      .then((name) => void message.success(`${t('statistics.exported')}: ${name}`))
      .catch((e: unknown) => void message.error(problemMessage(e, t)))
      .finally(() => setExporting(null));
  };

  return (
    <>
      <PageHeader
        title={t('statistics.title')}
        subTitle={t('statistics.subtitle')}
        extra={
          state.mode === 'rollup' && (
            <>
              <Button icon={<DownloadOutlined />} loading={exporting === 'xlsx'} onClick={() => download('xlsx')} data-testid="statistics-export-xlsx">
                {t('statistics.exportXlsx')}
              </Button>
              <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} onClick={() => download('csv')} data-testid="statistics-export-csv">
                {t('statistics.exportCsv')}
              </Button>
            </>
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

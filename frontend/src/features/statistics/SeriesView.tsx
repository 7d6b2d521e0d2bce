import { useMemo, useState } from 'react';
import { Card, Flex, Input, Segmented, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ASSISTANCE_TYPES, INTERVALS, type Interval, type ProjectPeriod } from '../../api/types';
import { EChart } from '../../components/EChart';
import { formatMoney } from '../../components/money';
import { useProvinceOptions } from '../../components/referenceData';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useProjectSeries } from './api';
import { Field } from './Field';
import { seriesQuery, withFilter, type ExplorerState, type Go } from './explorerState';
import { formatMeasure, periodLabel, seriesOption, seriesTotals, type Lang } from './shape';

/** A typed date the series can ask for (a year being typed passes through 0002, 0020, 0202…). */
function usableDate(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && Number(v.slice(0, 4)) >= 2000;
}

/**
 * A date typed or picked (the browser's own date field, a native picker on phones): what is typed
 * stays in the field, and each usable date goes to the URL; a date from the URL (Back) replaces it.
 */
function DateInput({ id, value, max, onChange }: { id: string; value: string; max?: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  return (
    <Input
      id={id}
      data-testid={id}
      type="date"
      value={text}
      max={max}
      onChange={(e) => {
        setText(e.target.value);
        if (usableDate(e.target.value)) onChange(e.target.value);
      }}
    />
  );
}

export function SeriesView({ state, go, today }: { state: ExplorerState; go: Go; today: string }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const provinces = useProvinceOptions();
  const series = useProjectSeries(seriesQuery(state));
  const periods = series.data?.periods;
  const chart = useMemo(() => (periods ? seriesOption(periods, t, lang) : undefined), [periods, t, lang]);
  const totals = useMemo(() => (periods ? seriesTotals(periods) : undefined), [periods]);
  const nothing = !!totals && totals.docked === 0 && totals.landed === 0 && totals.beneficiaries_reached === 0 && /^0+(\.0+)?$/.test(totals.funds_in_place);

  const columns: ColumnsType<ProjectPeriod> = [
    { key: 'period', title: t('statistics.series.period'), render: (_, p) => periodLabel(p.period, lang) },
    { key: 'docked', title: t('statistics.series.docked'), align: 'right', render: (_, p) => formatMeasure('count', p.docked) },
    { key: 'landed', title: t('statistics.series.landed'), align: 'right', render: (_, p) => formatMeasure('count', p.landed) },
    { key: 'funds', title: t('statistics.series.fundsInPlaceYuan'), align: 'right', render: (_, p) => formatMoney(p.funds_in_place) },
    { key: 'beneficiaries', title: t('statistics.series.beneficiaries'), align: 'right', render: (_, p) => formatMeasure('count', p.beneficiaries_reached) },
  ];

  return (
    <Flex vertical gap={16}>
      <Card size="small" data-testid="statistics-series-controls">
        <Flex wrap gap={12} align="flex-end">
          <Field label={t('statistics.series.interval')} htmlFor="statistics-interval">
            <Segmented<Interval>
              id="statistics-interval"
              data-testid="statistics-interval"
              value={state.interval}
              onChange={(interval) => go({ ...state, interval })}
              options={INTERVALS.map((i) => ({ value: i, label: t(`statistics.series.intervals.${i}`) }))}
            />
          </Field>
          <Field label={t('statistics.series.from')} htmlFor="statistics-from" width={160}>
            <DateInput id="statistics-from" value={state.from} max={today} onChange={(from) => go({ ...state, from }, { replace: true })} />
          </Field>
          <Field label={t('statistics.series.to')} htmlFor="statistics-to" width={160}>
            <DateInput id="statistics-to" value={state.to} onChange={(to) => go({ ...state, to }, { replace: true })} />
          </Field>
          <Field label={t('statistics.province')} htmlFor="statistics-series-province" width={160}>
            <Select
              id="statistics-series-province"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('statistics.allProvinces')}
              value={state.filters.province}
              onChange={(v?: string) => go(withFilter(state, 'province', v))}
              options={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
            />
          </Field>
          <Field label={t('statistics.series.assistanceType')} htmlFor="statistics-series-type" width={140}>
            <Select
              id="statistics-series-type"
              allowClear
              placeholder={t('statistics.series.allTypes')}
              value={state.filters.assistance_type}
              onChange={(v?: string) => go(withFilter(state, 'assistance_type', v))}
              options={ASSISTANCE_TYPES.map((a) => ({ value: a, label: t(`assistanceType.${a}`) }))}
            />
          </Field>
          <Field label={t('statistics.keyCounty')} htmlFor="statistics-series-key-county" width={150}>
            <Select
              id="statistics-series-key-county"
              allowClear
              placeholder={t('statistics.all')}
              value={state.filters.key_county}
              onChange={(v?: string) => go(withFilter(state, 'key_county', v))}
              options={[
                { value: 'true', label: t('statistics.keyCountyValue.yes') },
                { value: 'false', label: t('statistics.keyCountyValue.no') },
              ]}
            />
          </Field>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
          {t('statistics.series.note')}
        </Typography.Paragraph>
      </Card>
      {series.isError ? (
        <ErrorState error={series.error} onRetry={() => void series.refetch()} />
      ) : !periods || !chart || !totals ? (
        <LoadingState />
      ) : nothing ? (
        <Card data-testid="statistics-empty">
          <EmptyState description={t('statistics.series.empty')} />
        </Card>
      ) : (
        <>
          <Card size="small" title={t('statistics.chart')}>
            <div data-testid="statistics-series-chart">
              <EChart option={chart.option} height={360} />
            </div>
          </Card>
          <Card size="small" title={t('statistics.table')}>
            <Table<ProjectPeriod>
              data-testid="statistics-series-table"
              rowKey="period"
              size="small"
              columns={columns}
              dataSource={periods}
              loading={series.isFetching}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false }}
              summary={() => (
                <Table.Summary>
                  <Table.Summary.Row data-testid="statistics-series-totals" style={{ fontWeight: 600, background: '#fafafa' }}>
                    <Table.Summary.Cell index={0}>{t('statistics.total')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">{formatMeasure('count', totals.docked)}</Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">{formatMeasure('count', totals.landed)}</Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">{formatMoney(totals.funds_in_place)}</Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">{formatMeasure('count', totals.beneficiaries_reached)}</Table.Summary.Cell>
                  </Table.Summary.Row>
                </Table.Summary>
              )}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}

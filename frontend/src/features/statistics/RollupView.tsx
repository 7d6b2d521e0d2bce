import { useMemo } from 'react';
import { Button, Card, Flex, Select, Table, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import type { Fact } from '../../api/types';
import { CountyPicker } from '../../components/CountyPicker';
import { EChart } from '../../components/EChart';
import { useProvinceOptions } from '../../components/referenceData';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useStatisticsTable } from './api';
import { Field } from './Field';
import { useCurrentUser } from '../../session/context';
import { ENUM_KEYS, FACT_KEYS, MAX_GROUP_BY, enumLabelKey, enumValues, factFilters, factsFor, type EnumKey, type FilterKey } from './facts';
import { tableQuery, withFact, withFilter, withGroupBy, type ExplorerState, type Go } from './explorerState';
import {
  chartOption,
  chosenMeasure,
  formatMeasure,
  shapeChart,
  shapeTable,
  sortRows,
  totalsCells,
  type Lang,
  type ShapedRow,
  type TableShape,
} from './shape';

/** The first year the action counts (国乡振发〔2022〕5号 runs from 2021). */
const FIRST_YEAR = 2021;

export function RollupView({ state, go }: { state: ExplorerState; go: Go }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const query = tableQuery(state);
  const table = useStatisticsTable(state.fact, query);
  const shape = useMemo(() => (table.data ? shapeTable(table.data, t, lang) : undefined), [table.data, t, lang]);

  return (
    <Flex vertical gap={16}>
      <RollupControls state={state} go={go} />
      {table.isError ? (
        <ErrorState error={table.error} onRetry={() => void table.refetch()} />
      ) : !shape ? (
        <LoadingState />
      ) : shape.keys.length > 0 && shape.rows.length === 0 ? (
        <Card data-testid="statistics-empty">
          <EmptyState
            description={
              <>
                <Typography.Text strong>{t('statistics.empty')}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{t('statistics.emptyHint')}</Typography.Text>
              </>
            }
          />
        </Card>
      ) : (
        <RollupResult shape={shape} state={state} go={go} loading={table.isFetching} lang={lang} />
      )}
    </Flex>
  );
}

function RollupControls({ state, go }: { state: ExplorerState; go: Go }) {
  const { t } = useTranslation();
  const provinces = useProvinceOptions();
  const { role } = useCurrentUser();
  const filters = factFilters(state.fact);
  const keys = FACT_KEYS[state.fact];
  const set = (key: FilterKey, value: string | undefined) => go(withFilter(state, key, value));
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => String(thisYear - i));
  const anyFilter = filters.some((k) => state.filters[k] !== undefined);

  return (
    <Card size="small" data-testid="statistics-controls">
      <Flex vertical gap={12}>
        <Flex wrap gap={12} align="flex-end">
          <Field label={t('statistics.fact')} htmlFor="statistics-fact" width={150}>
            <Select<Fact>
              id="statistics-fact"
              data-testid="statistics-fact"
              value={state.fact}
              onChange={(fact) => go(withFact(state, fact))}
              options={factsFor(role).map((f) => ({ value: f, label: t(`statistics.facts.${f}`) }))}
            />
          </Field>
          <Field label={t('statistics.groupBy')} htmlFor="statistics-group-by" width={420}>
            <Select<string[]>
              id="statistics-group-by"
              data-testid="statistics-group-by"
              mode="multiple"
              maxCount={MAX_GROUP_BY}
              allowClear
              placeholder={t('statistics.groupByHint')}
              value={state.groupBy}
              onChange={(v) => go(withGroupBy(state, v))}
              options={keys.map((k) => ({ value: k, label: t(`statistics.keys.${k}`) }))}
            />
          </Field>
        </Flex>
        <Flex wrap gap={12} align="flex-end" data-testid="statistics-filters">
          <Field label={t('statistics.year')} htmlFor="statistics-year" width={120}>
            <Select
              id="statistics-year"
              allowClear
              placeholder={t('statistics.allYears')}
              value={state.filters.year}
              onChange={(v?: string) => set('year', v)}
              options={years.map((y) => ({ value: y, label: y }))}
            />
          </Field>
          <Field label={t('statistics.province')} htmlFor="statistics-province" width={160}>
            <Select
              id="statistics-province"
              data-testid="statistics-province"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('statistics.allProvinces')}
              value={state.filters.province}
              onChange={(v?: string) => set('province', v)}
              options={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
            />
          </Field>
          {filters.includes('county') && (
            <Field label={t('statistics.county')} htmlFor="statistics-county" width={260}>
              <CountyPicker id="statistics-county" province={state.filters.province} value={state.filters.county} onChange={(v) => set('county', v)} />
            </Field>
          )}
          {filters.includes('key_county') && (
            <Field label={t('statistics.keyCounty')} htmlFor="statistics-key-county" width={150}>
              <Select
                id="statistics-key-county"
                allowClear
                placeholder={t('statistics.all')}
                value={state.filters.key_county}
                onChange={(v?: string) => set('key_county', v)}
                options={[
                  { value: 'true', label: t('statistics.keyCountyValue.yes') },
                  { value: 'false', label: t('statistics.keyCountyValue.no') },
                ]}
              />
            </Field>
          )}
          {ENUM_KEYS.filter((k) => filters.includes(k)).map((key) => (
            <EnumFilter key={key} fact={state.fact} enumKey={key} value={state.filters[key]} onChange={(v) => set(key, v)} />
          ))}
          {anyFilter && (
            <Button
              onClick={() => go({ ...state, filters: Object.fromEntries(Object.entries(state.filters).filter(([k]) => !filters.includes(k as FilterKey))) })}
              data-testid="statistics-clear-filters"
            >
              {t('statistics.clearFilters')}
            </Button>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

function EnumFilter({ fact, enumKey, value, onChange }: { fact: Fact; enumKey: EnumKey; value?: string; onChange: (v?: string) => void }) {
  const { t } = useTranslation();
  const id = `statistics-filter-${enumKey}`;
  return (
    <Field label={t(`statistics.keys.${enumKey}`)} htmlFor={id} width={enumKey === 'channel' || enumKey === 'category' || enumKey === 'kind' || enumKey === 'mode' ? 180 : 140}>
      <Select
        id={id}
        data-testid={id}
        allowClear
        placeholder={t('statistics.all')}
        value={value}
        onChange={(v?: string) => onChange(v)}
        options={enumValues(fact, enumKey).map((v) => {
          const labelKey = enumLabelKey(fact, enumKey, v);
          return { value: v, label: labelKey ? t(labelKey) : v };
        })}
      />
    </Field>
  );
}

function RollupResult({ shape, state, go, loading, lang }: { shape: TableShape; state: ExplorerState; go: Go; loading: boolean; lang: Lang }) {
  const { t } = useTranslation();
  const rows = useMemo(() => sortRows(shape, state.sort), [shape, state.sort]);
  const measure = chosenMeasure(shape, state.measure);
  const chart = useMemo(() => (measure ? shapeChart(shape, rows, measure, lang) : undefined), [shape, rows, measure, lang]);
  const option = useMemo(() => (chart?.status === 'chart' ? chartOption(chart.chart, t) : undefined), [chart, t]);
  const grouped = shape.keys.length > 0;

  const columns: ColumnsType<ShapedRow> = [
    ...(grouped
      ? shape.keys.map((k) => ({ key: k.key, title: k.title, render: (_: unknown, r: ShapedRow) => r.labels[k.key] }))
      : [{ key: 'all', title: t('statistics.groupBy'), render: () => t('statistics.total') }]),
    ...shape.measures.map((m) => ({
      key: m.key,
      title: lang === 'en' ? m.label_en : m.label_zh,
      align: 'right' as const,
      sorter: grouped,
      sortOrder: state.sort?.key === m.key ? (state.sort.desc ? ('descend' as const) : ('ascend' as const)) : null,
      render: (_: unknown, r: ShapedRow) => formatMeasure(m.kind, r.values[m.key]),
    })),
  ];

  const onSort = (sorter: SorterResult<ShapedRow> | SorterResult<ShapedRow>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = typeof s?.columnKey === 'string' && s.order ? s.columnKey : undefined;
    go({ ...state, sort: key ? { key, desc: s.order === 'descend' } : undefined }, { replace: true });
  };

  return (
    <>
      <Card
        size="small"
        title={t('statistics.chart')}
        extra={
          measure &&
          grouped && (
            <Flex align="center" gap={8}>
              <Typography.Text type="secondary">
                <label htmlFor="statistics-measure">{t('statistics.measure')}</label>
              </Typography.Text>
              <Select
                id="statistics-measure"
                data-testid="statistics-measure"
                style={{ minWidth: 150 }}
                popupMatchSelectWidth={false}
                value={measure.key}
                onChange={(v: string) => go({ ...state, measure: v })}
                options={shape.measures.map((m) => ({ value: m.key, label: lang === 'en' ? m.label_en : m.label_zh }))}
              />
            </Flex>
          )
        }
      >
        {chart?.status === 'chart' && option ? (
          <div data-testid="statistics-chart">
            <EChart option={option} height={chart.chart.categories.length > 6 ? 380 : 320} />
            {shape.keys.length > 2 && (
              <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12, textAlign: 'center' }}>
                {t('statistics.thirdKeySummed', { key: shape.keys[2].title })}
              </Typography.Paragraph>
            )}
          </div>
        ) : (
          <Typography.Paragraph type="secondary" style={{ margin: 16, textAlign: 'center' }} data-testid="statistics-chart-note">
            {chart?.status === 'ratioNotCombinable' ? t('statistics.ratioNotCombinable') : t('statistics.ungrouped')}
          </Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title={t('statistics.table')} extra={grouped && <Typography.Text type="secondary">{t('statistics.rows', { count: shape.rows.length })}</Typography.Text>}>
        <Table<ShapedRow>
          data-testid="statistics-table"
          rowKey="rowKey"
          size="small"
          columns={columns}
          dataSource={grouped ? rows : [{ rowKey: 'all', raw: {}, labels: {}, values: shape.totals }]}
          loading={loading}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          onChange={(_p, _f, sorter) => onSort(sorter)}
          summary={() =>
            grouped && (
              <Table.Summary>
                <Table.Summary.Row data-testid="statistics-totals" style={{ fontWeight: 600, background: '#fafafa' }}>
                  <Table.Summary.Cell index={0} colSpan={shape.keys.length}>
                    {t('statistics.total')}
                  </Table.Summary.Cell>
                  {totalsCells(shape).map((c, i) => (
                    <Table.Summary.Cell key={c.key} index={shape.keys.length + i} align="right">
                      {c.text}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            )
          }
        />
      </Card>
    </>
  );
}

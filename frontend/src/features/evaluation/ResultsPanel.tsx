import { Flex, Input, Select, Switch, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ResultRow, Round } from '../../api/types';
import { ExportButtons } from '../../components/ExportButtons';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useProvinceName, useProvinceOptions } from '../../components/referenceData';
import { exportResults, useFramework, useResults } from './api';
import { resultFilters, withResultFilters, type ResultFilters } from './filters';
import { flaggedNames, formatScore } from './resultLogic';

/**
 * The ranking of a closed or published round: best first, equal totals sharing a rank, each
 * dimension's score, and the flags (experts far apart, or no expert score) to look at. A row
 * opens the subject's explained result.
 */
export function ResultsPanel({ round }: { round: Round }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = resultFilters(params);
  const table = useListTable('evaluation-results', `${round.id}|${JSON.stringify(filters)}`);
  const query = { ...filters, limit: table.limit, cursor: table.cursor, count: true };
  const results = useResults(round.id, query);
  const framework = useFramework(round.framework_id);
  const provinces = useProvinceOptions();
  const provinceName = useProvinceName();
  const update = (patch: Partial<ResultFilters>) => setParams(withResultFilters(params, { ...filters, ...patch }), { replace: true });
  const fmt = (n: number) => formatScore(n, i18n.language);
  const tree = framework.data?.data.tree;
  const dimensions = tree?.dimensions.map((d) => ({ code: d.code, name: d.name })) ?? results.data?.items[0]?.dimensions.map((d) => ({ code: d.code, name: d.name })) ?? [];
  const resultUrl = (r: ResultRow) => `/evaluation/rounds/${round.id}/results/${encodeURIComponent(r.subject_id)}`;

  const columns: ListColumn<ResultRow>[] = [
    { key: 'rank', always: true, title: t('evaluation.result.rank'), dataIndex: 'rank', align: 'right', render: (rank: number) => <Typography.Text strong>{rank}</Typography.Text> },
    {
      key: 'name',
      always: true,
      title: t('evaluation.result.subject'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <Link to={resultUrl(r)} onClick={(e) => e.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    { key: 'province', title: t('evaluation.result.province'), dataIndex: 'province_code', responsive: ['md'], render: (c?: string | null) => provinceName(c) || '—' },
    {
      key: 'total',
      always: true,
      title: t('evaluation.result.total'),
      dataIndex: 'total',
      align: 'right',
      render: (total: number) => (
        <Typography.Text strong data-testid="result-total">
          {fmt(total)}
        </Typography.Text>
      ),
    },
    ...dimensions.map(
      (d): ListColumn<ResultRow> => ({
        key: `dim:${d.code}`,
        title: d.name,
        align: 'right',
        responsive: ['sm'],
        render: (_, r) => {
          const s = r.dimensions.find((x) => x.code === d.code);
          return s ? fmt(s.score) : '—';
        },
      }),
    ),
    {
      key: 'flags',
      title: t('evaluation.result.flags'),
      render: (_, r) =>
        r.flags.length > 0 ? (
          <Tooltip title={flaggedNames(r.flags, tree).join(t('evaluation.listSeparator'))}>
            <Tag color="warning" data-testid="result-flag">
              {t('evaluation.result.flagTag')} · {r.flags.length}
            </Tag>
          </Tooltip>
        ) : null,
    },
  ];

  const filtered = Object.keys(filters).length > 0;
  return (
    <Flex vertical gap={12} data-testid="results-panel">
      <Flex justify="space-between" gap={8} wrap>
        <Flex gap={8} wrap align="center">
          <Input.Search
            key={filters.q ?? ''}
            allowClear
            aria-label={t('common.search')}
            data-testid="result-search"
            placeholder={t('evaluation.result.searchPlaceholder')}
            defaultValue={filters.q}
            style={{ width: 200 }}
            onSearch={(v) => update({ q: v.trim() || undefined })}
          />
          {round.subject_type !== 'province' && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('evaluation.result.province')}
              data-testid="result-filter-province"
              placeholder={t('evaluation.result.province')}
              style={{ width: 160 }}
              value={filters.province}
              onChange={(v?: string) => update({ province: v })}
              options={(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
            />
          )}
          <Flex align="center" gap={6}>
            <Switch aria-label={t('evaluation.result.flaggedOnly')} data-testid="result-flagged" checked={!!filters.flagged} onChange={(v) => update({ flagged: v || undefined })} />
            <Typography.Text>{t('evaluation.result.flaggedOnly')}</Typography.Text>
          </Flex>
        </Flex>
        <Flex gap={8} wrap>
          <ExportButtons testId="result-export" run={(format, watch) => exportResults(round.id, format, query, watch)} />
        </Flex>
      </Flex>
      <Typography.Text type="secondary">{t('evaluation.result.hint')}</Typography.Text>
      <ListTable<ResultRow>
        table={table}
        query={results}
        testId="result-table"
        rowKey="subject_id"
        columns={columns}
        emptyText={filtered ? t('evaluation.result.emptyFiltered') : t('evaluation.result.empty')}
        onRow={(r) => ({ onClick: () => navigate(resultUrl(r)), style: { cursor: 'pointer' } })}
      />
    </Flex>
  );
}

import type { ReactNode } from 'react';
import { Button, Card, Flex, Skeleton, theme, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { problemMessage } from '../../api/problem';
import { coverageRate } from '../../components/coverageMap/coverageColors';
import { formatMoney, useFormatMoneyCompact } from '../../components/money';
import { useCoverage, useListCount, useRollup, useSeries } from './api';
import type { Tile, TileSource } from './tiles';
import { seriesRange, sumOfYear } from './trends';

interface TileState {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface Figure {
  /** The number as shown (a count, or a compact amount without its unit). */
  value: string;
  unit: string;
  /** The raw figure, for tests and the to-do colouring. */
  raw: number | string;
  hint?: ReactNode;
  /** The exact amount behind a compact one. */
  title?: string;
}

const TODO_COLOR = { open: '#d46b08', clear: '#389e0d' };

/**
 * One figure on the dashboard: a card that opens the list behind it. Loading and failure are the
 * tile's own, so one failing read leaves the other tiles standing.
 */
function TileCard({ tile, todo, state, figure }: { tile: Tile; todo?: boolean; state: TileState; figure?: Figure }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const title = t(`home.tile.${tile.key}.title`);
  const pending = todo && typeof figure?.raw === 'number' && figure.raw > 0;
  const accent = todo ? (pending ? TODO_COLOR.open : TODO_COLOR.clear) : token.colorPrimary;

  const body = (
    <Card
      size="small"
      hoverable={!state.isError}
      style={{ height: '100%', borderInlineStart: `3px solid ${accent}` }}
      styles={{ body: { padding: '14px 16px' } }}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text type="secondary" ellipsis>
          {title}
        </Typography.Text>
        {!state.isError && <RightOutlined aria-hidden style={{ color: '#bfbfbf', fontSize: 12 }} />}
      </Flex>
      {state.isPending ? (
        <Skeleton active title={false} paragraph={{ rows: 2, width: ['60%', '90%'] }} style={{ marginTop: 10 }} />
      ) : state.isError || !figure ? (
        <Flex vertical gap={6} style={{ marginTop: 8 }} role="alert" data-testid={`home-tile-${tile.key}-error`}>
          <Typography.Text type="danger">{problemMessage(state.error, t)}</Typography.Text>
          <div>
            <Button size="small" onClick={() => void state.refetch()}>
              {t('common.retry')}
            </Button>
          </div>
        </Flex>
      ) : (
        <>
          <div style={{ marginTop: 6, lineHeight: 1.2 }} title={figure.title}>
            <span
              data-testid={`home-tile-${tile.key}-value`}
              data-value={String(figure.raw)}
              style={{ fontSize: 28, fontWeight: 600, color: todo ? accent : undefined, fontVariantNumeric: 'tabular-nums' }}
            >
              {figure.value}
            </span>
            <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
              {figure.unit}
            </Typography.Text>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }} ellipsis={{ tooltip: true }}>
            {figure.hint ?? t(`home.tile.${tile.key}.hint`)}
          </Typography.Text>
        </>
      )}
    </Card>
  );

  // a failed tile is not a link: its retry button must stay a button
  if (state.isError) return <div data-testid={`home-tile-${tile.key}`} style={{ height: '100%' }}>{body}</div>;
  return (
    <Link to={tile.to} data-testid={`home-tile-${tile.key}`} aria-label={title} style={{ display: 'block', height: '100%', color: 'inherit' }}>
      {body}
    </Link>
  );
}

const count = (n: number, language: string) => n.toLocaleString(language === 'en' ? 'en-US' : 'zh-CN');

function CountTile({ tile, source, todo }: { tile: Tile; source: Extract<TileSource, { filters: unknown }>; todo?: boolean }) {
  const { t, i18n } = useTranslation();
  const q = useListCount(source);
  const figure = q.data === undefined ? undefined : { value: count(q.data, i18n.language), unit: t(`home.tile.${tile.key}.unit`), raw: q.data };
  return <TileCard tile={tile} todo={todo} state={q} figure={figure} />;
}

function CoverageTile({ tile, province }: { tile: Tile; province?: string }) {
  const { t } = useTranslation();
  const q = useCoverage(province);
  const c = q.data;
  const figure = c && {
    value: String(c.covered),
    unit: `/ ${c.target} ${t('home.tile.coverage.unit')}`,
    raw: c.covered,
    hint: t('home.tile.coverage.hint', { rate: coverageRate(c.covered, c.target), unregistered: c.unregistered }),
  };
  return <TileCard tile={tile} state={q} figure={figure} />;
}

function LandedTile({ tile, source, year }: { tile: Tile; source: Extract<TileSource, { kind: 'landedThisYear' }>; year: number }) {
  const { t, i18n } = useTranslation();
  const q = useSeries({ ...source.area, ...seriesRange(year) });
  const landed = q.data && sumOfYear(q.data.periods, year, (p) => p.landed);
  const figure = landed === undefined ? undefined : {
    value: count(landed, i18n.language),
    unit: t('home.tile.landedThisYear.unit'),
    raw: landed,
    hint: t('home.tile.landedThisYear.hint', { year }),
  };
  return <TileCard tile={tile} state={q} figure={figure} />;
}

/** "12.5 万元" → the number and its unit, styled apart. */
function splitCompact(text: string): { value: string; unit: string } {
  const at = text.indexOf(' ');
  return at < 0 ? { value: text, unit: '' } : { value: text.slice(0, at), unit: text.slice(at + 1) };
}

function RollupTile({ tile, source }: { tile: Tile; source: Extract<TileSource, { kind: 'fundsInPlace' | 'beneficiaries' }> }) {
  const { t, i18n } = useTranslation();
  const compact = useFormatMoneyCompact();
  const q = useRollup(source.area);
  const totals = q.data?.totals;
  let figure: Figure | undefined;
  if (totals && source.kind === 'fundsInPlace') {
    figure = { ...splitCompact(compact(totals.funds_in_place)), raw: totals.funds_in_place, title: t('money.yuan', { amount: formatMoney(totals.funds_in_place) }) };
  } else if (totals) {
    figure = { value: count(totals.beneficiaries_reached, i18n.language), unit: t('home.tile.beneficiaries.unit'), raw: totals.beneficiaries_reached };
  }
  return <TileCard tile={tile} state={q} figure={figure} />;
}

/** A tile of any kind: each kind reads its own figure. */
export function HomeTile({ tile, todo, year }: { tile: Tile; todo?: boolean; year: number }) {
  const s = tile.source;
  switch (s.kind) {
    case 'coverage':
      return <CoverageTile tile={tile} province={s.province} />;
    case 'landedThisYear':
      return <LandedTile tile={tile} source={s} year={year} />;
    case 'fundsInPlace':
    case 'beneficiaries':
      return <RollupTile tile={tile} source={s} />;
    default:
      return <CountTile tile={tile} source={s} todo={todo} />;
  }
}

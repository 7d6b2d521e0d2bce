import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { YearEndReport } from '../../api/types';
import { formatMoney } from '../../components/money';
import { figureRows, type FigureRow } from './reportLogic';

/**
 * The figures side by side: as submitted (frozen at the last submission; — while it is written)
 * and as the statistics read them now, a difference marked as drift.
 */
export function FiguresCard({ report }: { report: Pick<YearEndReport, 'figures' | 'live_figures'> }) {
  const { t, i18n } = useTranslation();
  const rows = figureRows(report.figures, report.live_figures);
  // the labels say （元）: amounts are written without the unit
  const value = (row: FigureRow, v: string | null) => (v == null ? '—' : row.kind === 'money' ? formatMoney(v) : v);
  const frozen = report.figures != null;
  const drifted = rows.filter((r) => r.drift).length;

  return (
    <Card
      title={t('yearEnd.figures')}
      size="small"
      data-testid="report-figures"
      extra={
        drifted > 0 && (
          <Tag color="orange" data-testid="figures-drift-count">
            {t('yearEnd.driftCount', { count: drifted })}
          </Tag>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {report.figures ? t('yearEnd.figuresHintFrozen') : t('yearEnd.figuresHintLive')}
      </Typography.Paragraph>
      <Table<FigureRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (r.drift ? 'figure-drift' : '')}
        onRow={(r) => ({ 'data-testid': 'figure-row', 'data-key': r.key, 'data-drift': r.drift ? 'true' : undefined }) as object}
        columns={[
          { key: 'label', title: t('yearEnd.figure'), render: (_, r) => (i18n.language === 'en' ? r.label_en : r.label_zh) },
          // while it is written nothing is frozen yet: the column would be all dashes
          ...(frozen
            ? [
                {
                  key: 'submitted',
                  title: t('yearEnd.figureSubmitted'),
                  align: 'right' as const,
                  render: (_: unknown, r: FigureRow) => <span data-testid="figure-submitted">{value(r, r.submitted)}</span>,
                },
              ]
            : []),
          {
            key: 'live',
            title: t('yearEnd.figureLive'),
            align: 'right',
            render: (_, r) => (
              <span data-testid="figure-live">
                {r.drift ? (
                  <Typography.Text type="warning" strong>
                    {value(r, r.live)}
                  </Typography.Text>
                ) : (
                  value(r, r.live)
                )}
              </span>
            ),
          },
          {
            key: 'drift',
            title: '',
            render: (_, r) => r.drift && <Tag color="orange">{t('yearEnd.drift')}</Tag>,
          },
        ]}
      />
    </Card>
  );
}

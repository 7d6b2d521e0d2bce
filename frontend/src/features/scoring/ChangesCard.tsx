import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScoreChange, ScoringIndicator } from '../../api/types';
import { useFormatDateTime } from '../../components/format';

/** 提交后的修改记录: every change of a submitted score before the round closed — who, when, old, new. */
export function ChangesCard({ changes, indicators }: { changes: readonly ScoreChange[]; indicators: readonly ScoringIndicator[] }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const nameOf = (code: string) => indicators.find((i) => i.code === code)?.name ?? code;
  const score = (s: number | null | undefined) => (s == null ? '—' : String(s));
  return (
    <Card size="small" title={t('scoring.changes')} data-testid="score-changes">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('scoring.changesHint')}
      </Typography.Paragraph>
      <Table<ScoreChange>
        size="small"
        rowKey={(c) => `${c.at}-${c.indicator}`}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={[...changes]}
        locale={{ emptyText: t('scoring.noChanges') }}
        columns={[
          { title: t('scoring.changedAt'), dataIndex: 'at', render: (at: string) => formatDateTime(at) },
          { title: t('scoring.indicator'), dataIndex: 'indicator', render: (code: string) => nameOf(code) },
          {
            title: t('scoring.scoreChange'),
            render: (_, c) => (
              <span data-testid="score-change">
                {score(c.old_score)} → {score(c.new_score)}
              </span>
            ),
          },
          {
            title: t('scoring.commentChange'),
            render: (_, c) =>
              c.old_comment === c.new_comment ? (
                <Typography.Text type="secondary">{t('scoring.commentUnchanged')}</Typography.Text>
              ) : (
                <div style={{ maxWidth: 360, whiteSpace: 'pre-wrap' }}>
                  <Typography.Text delete type="secondary">
                    {c.old_comment || '—'}
                  </Typography.Text>
                  <br />
                  <Typography.Text>{c.new_comment || '—'}</Typography.Text>
                </div>
              ),
          },
          { title: t('scoring.actor'), dataIndex: 'actor' },
        ]}
      />
    </Card>
  );
}

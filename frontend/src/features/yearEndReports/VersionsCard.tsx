import { useState, type CSSProperties } from 'react';
import { Alert, Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReportVersion } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { useFormatMoney } from '../../components/money';
import { ErrorState } from '../../components/states';
import { useReportVersions } from './api';
import { versionChanges, type DiffLine, type VersionChange } from './reportLogic';

/**
 * 版本对比: the submissions, newest first; choosing one shows what it changed from the one before —
 * each section's text as a line diff (removed struck through in red, added in green) and each
 * figure before → after.
 */
export function VersionsCard({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const versions = useReportVersions(reportId);
  const [chosen, setChosen] = useState<number | null>(null);
  const items = versions.data?.items ?? [];
  const shown = items.find((v) => v.number === chosen) ?? items[0];

  return (
    <Card title={t('yearEnd.versions')} size="small" data-testid="report-versions" style={{ minWidth: 0 }}>
      {versions.isError ? (
        <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />
      ) : versions.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('yearEnd.noVersions')} />
      ) : (
        <Flex gap={16} wrap align="flex-start">
          <List
            size="small"
            bordered
            style={{ flex: '1 1 220px', minWidth: 0 }}
            dataSource={items}
            renderItem={(v) => (
              <List.Item
                data-testid="version-item"
                data-number={v.number}
                onClick={() => setChosen(v.number)}
                style={{ cursor: 'pointer', background: v.number === shown?.number ? '#fff1f0' : undefined }}
              >
                <Flex vertical>
                  <Typography.Text strong>{t('yearEnd.versionN', { number: v.number })}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(v.submitted_at)} · {v.submitted_by}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {v.number === items[items.length - 1].number ? t('yearEnd.firstVersion') : t('yearEnd.changesCount', { count: v.changes.length })}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
          {shown && <VersionChanges version={shown} first={shown.number === items[items.length - 1].number} />}
        </Flex>
      )}
    </Card>
  );
}

function VersionChanges({ version, first }: { version: ReportVersion; first: boolean }) {
  const { t } = useTranslation();
  const changes = versionChanges(version.changes, version.figures);
  return (
    <Flex vertical gap={12} style={{ flex: '3 1 420px', minWidth: 0 }} data-testid="version-changes" data-number={version.number}>
      <Typography.Text strong>{t('yearEnd.versionChangesTitle', { number: version.number })}</Typography.Text>
      {version.review && <ReviewView review={version.review} />}
      {changes.length === 0 ? (
        <Typography.Text type="secondary">{first ? t('yearEnd.firstVersionHint') : t('yearEnd.noChanges')}</Typography.Text>
      ) : (
        changes.map((c) => <ChangeView key={`${c.kind}-${c.key}`} change={c} />)
      )}
    </Flex>
  );
}

/** How the nation answered this version: accepted, or returned with its reason and comments per section. */
function ReviewView({ review }: { review: NonNullable<ReportVersion['review']> }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const returned = review.outcome === 'returned';
  const comments = Object.entries(review.comments ?? {}).filter(([, text]) => text);
  return (
    <Alert
      data-testid="version-review"
      type={returned ? 'warning' : 'success'}
      showIcon
      message={`${t(returned ? 'yearEnd.reviewReturned' : 'yearEnd.reviewAccepted')} · ${review.reviewed_by} · ${formatDateTime(review.reviewed_at)}`}
      description={
        returned && (
          <Flex vertical gap={4}>
            <Typography.Text>
              {t('yearEnd.returnReason')}：{review.reason}
            </Typography.Text>
            {comments.map(([section, text]) => (
              <Typography.Text key={section} data-testid={`version-review-${section}`}>
                {t(`yearEnd.section.${section}`)}：{text}
              </Typography.Text>
            ))}
          </Flex>
        )
      }
    />
  );
}

function ChangeView({ change: c }: { change: VersionChange }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const label = c.kind === 'section' && c.section ? t(`yearEnd.section.${c.section}`) : c.label;
  if (c.kind === 'figure') {
    const value = (v: string | null) => (v == null ? '—' : c.figureKind === 'money' ? formatMoney(v) : v);
    return (
      <Flex gap={8} wrap align="center" data-testid="version-change" data-field={`figures.${c.key}`}>
        <Tag>{t('yearEnd.figure')}</Tag>
        <Typography.Text strong>{label}</Typography.Text>
        <Typography.Text delete type="secondary">
          {value(c.before)}
        </Typography.Text>
        <ArrowRightOutlined aria-label={t('yearEnd.changedTo')} />
        <Typography.Text strong>{value(c.after)}</Typography.Text>
      </Flex>
    );
  }
  return (
    <div data-testid="version-change" data-field={`sections.${c.key}`}>
      <Flex gap={8} align="center" style={{ marginBottom: 4 }}>
        <Tag color="blue">{t('yearEnd.sectionTag')}</Tag>
        <Typography.Text strong data-testid="version-change-label">
          {label}
        </Typography.Text>
      </Flex>
      <Flex gap={8} wrap>
        <DiffColumn title={t('yearEnd.before')} lines={c.diff.filter((l) => l.kind !== 'added')} />
        <DiffColumn title={t('yearEnd.after')} lines={c.diff.filter((l) => l.kind !== 'removed')} />
      </Flex>
    </div>
  );
}

const LINE_STYLES: Record<DiffLine['kind'], CSSProperties> = {
  same: {},
  removed: { background: '#fff1f0', color: '#a8071a', textDecoration: 'line-through' },
  added: { background: '#f6ffed', color: '#237804' },
};

/** Within an edited line, what changed is marked more strongly; the rest of the line reads plainly. */
const MARKS: Record<DiffLine['kind'], CSSProperties> = {
  same: {},
  removed: { background: '#ffccc7', color: 'inherit', textDecoration: 'line-through' },
  added: { background: '#b7eb8f', color: 'inherit' },
};

function DiffColumn({ title, lines }: { title: string; lines: DiffLine[] }) {
  const { t } = useTranslation();
  return (
    <div style={{ flex: '1 1 200px', minWidth: 0, border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {title}
      </Typography.Text>
      {lines.length === 0 ? (
        <div style={{ color: '#999' }}>{t('yearEnd.sectionEmpty')}</div>
      ) : (
        lines.map((l, i) => (
          <div key={i} data-diff={l.kind} style={{ ...LINE_STYLES[l.kind], ...(l.parts ? { textDecoration: 'none' } : {}), padding: '0 4px', overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
            {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '− ' : ''}
            {l.parts ? (
              <>
                {l.parts.prefix}
                <mark data-testid="diff-changed" style={{ ...MARKS[l.kind], padding: 0 }}>
                  {l.parts.changed}
                </mark>
                {l.parts.suffix}
              </>
            ) : (
              l.text
            )}
          </div>
        ))
      )}
    </div>
  );
}

import { Timeline, Typography } from 'antd';
import type { StatusEvent } from '../api/types';
import { useFormatDateTime } from './format';

/**
 * A lifecycle's history (brands, cases …) oldest first: the creation, then each move with who
 * made it, when, and the reason given. The family names its statuses and colours them.
 */
export function StatusTimeline({
  events,
  label,
  color,
  createdLabel,
  testId,
}: {
  events: readonly StatusEvent[];
  /** A status as the reader reads it (the family's i18n). */
  label: (status: string) => string;
  /** A Timeline colour for the status moved to. */
  color: (status: string) => string;
  /** What the first event (no `from_status`) was: 登记品牌, 提交案例 … */
  createdLabel: string;
  testId?: string;
}) {
  const formatDateTime = useFormatDateTime();
  return (
    <Timeline
      data-testid={testId}
      items={events.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: color(e.to_status),
        content: (
          <div data-testid="history-item">
            <Typography.Text strong>
              {e.from_status ? `${label(e.from_status)} → ${label(e.to_status)}` : `${createdLabel} · ${label(e.to_status)}`}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {formatDateTime(e.at)} · {e.actor}
            </Typography.Text>
            {e.reason && (
              <>
                <br />
                <Typography.Text data-testid="history-reason">{e.reason}</Typography.Text>
              </>
            )}
          </div>
        ),
      }))}
    />
  );
}

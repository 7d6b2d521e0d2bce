import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseEvent, CaseStatus } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { historyOldestFirst } from './caseLogic';

// the tags' colours as dots (antd's named timeline colours follow the theme, whose primary is red)
const TIMELINE_COLOR: Record<CaseStatus, string> = { draft: 'gray', submitted: '#1677ff', shortlisted: '#13c2c2', typical: '#d48806', returned: '#fa8c16' };

/** A case's history: who moved it when, from what to what, and the reason given (a return's). */
export function CaseTimeline({ history }: { history: readonly CaseEvent[] }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const status = (s: string) => t(`cases.statuses.${s}`);
  return (
    <Timeline
      data-testid="case-history"
      items={historyOldestFirst(history).map((ev, i) => ({
        key: `${ev.at}-${i}`,
        color: TIMELINE_COLOR[ev.to_status as CaseStatus] ?? 'gray',
        content: (
          <div data-testid="history-item" data-to={ev.to_status}>
            <Typography.Text strong>
              {ev.from_status ? `${status(ev.from_status)} → ${status(ev.to_status)}` : t('cases.timelineCreated')}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {formatDateTime(ev.at)} · {ev.actor}
            </Typography.Text>
            {ev.reason && (
              <>
                <br />
                <Typography.Text>{ev.reason}</Typography.Text>
              </>
            )}
          </div>
        ),
      }))}
    />
  );
}

import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectEvent, ProjectUpdate } from '../../api/types';
import { PROJECT_STATUS_COLOR } from '../../components/EnumTags';
import { useFormatDateTime } from '../../components/format';
import { useFormatMoney } from '../../components/money';
import { mergeTimeline } from './projectLogic';

/** The project's history (who moved it when, both landing steps) with its progress updates. */
export function ProjectTimeline({ history, updates }: { history: readonly ProjectEvent[]; updates: readonly ProjectUpdate[] }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const formatMoney = useFormatMoney();
  const entries = mergeTimeline(history, updates);
  return (
    <Timeline
      data-testid="project-history"
      items={entries.map((e, i) => {
        if (e.kind === 'update') {
          const u = e.update;
          return {
            key: `u-${u.id}`,
            color: 'gray',
            content: (
              <div data-testid="history-item" data-kind="update">
                <Typography.Text strong>
                  {t('project.timelineUpdate', { date: u.date })}
                </Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {formatDateTime(u.created_at)} · {u.created_by}
                </Typography.Text>
                <br />
                <Typography.Text>{u.narrative}</Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {t('project.timelineFigures', { funds: formatMoney(u.funds_delta), people: u.beneficiaries_delta })}
                </Typography.Text>
              </div>
            ),
          };
        }
        const ev = e.event;
        const color = PROJECT_STATUS_COLOR[ev.to_status];
        const title =
          e.step === 'created'
            ? `${t('project.timelineCreated')} · ${t(`projectStatus.${ev.to_status}`)}`
            : e.step === 'declared'
              ? t('project.timelineDeclared')
              : e.step === 'confirmed'
                ? t('project.timelineConfirmed')
                : `${ev.from_status ? t(`projectStatus.${ev.from_status}`) : ''} → ${t(`projectStatus.${ev.to_status}`)}`;
        return {
          key: `s-${ev.at}-${i}`,
          color: e.step === 'declared' ? 'orange' : color === 'cyan' ? 'blue' : color,
          content: (
            <div data-testid="history-item" data-kind={e.step}>
              <Typography.Text strong>{title}</Typography.Text>
              <br />
              <Typography.Text type="secondary">
                {formatDateTime(ev.at)} · {ev.actor}
              </Typography.Text>
              {ev.note && (
                <>
                  <br />
                  <Typography.Text>{ev.note}</Typography.Text>
                </>
              )}
            </div>
          ),
        };
      })}
    />
  );
}

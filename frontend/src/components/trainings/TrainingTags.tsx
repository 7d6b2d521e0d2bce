import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrganizerLevel, Training, TrainingStatus } from '../../api/types';

export const TRAINING_STATUS_COLOR: Record<TrainingStatus, string> = { planned: 'blue', held: 'green', cancelled: 'default' };

export const ORGANIZER_LEVEL_COLOR: Record<OrganizerLevel, string> = { national: 'red', provincial: 'geekblue', county: 'cyan' };

/** 计划中 / 已举办 / 已取消. */
export function TrainingStatusTag({ status }: { status: TrainingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={TRAINING_STATUS_COLOR[status]} data-testid="training-status" data-status={status}>
      {t(`trainings.statuses.${status}`)}
    </Tag>
  );
}

/** 国家级 / 省级 / 县级. */
export function OrganizerLevelTag({ level }: { level: OrganizerLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={ORGANIZER_LEVEL_COLOR[level]} data-testid="training-level">
      {t(`trainings.levels.${level}`)}
    </Tag>
  );
}

/** The first and last day (one date for a one-day training), as the dates the API sends. */
export function trainingDates(t: Pick<Training, 'starts_on' | 'ends_on'>): { start: string; end: string } | { day: string } {
  return t.starts_on === t.ends_on ? { day: t.starts_on } : { start: t.starts_on, end: t.ends_on };
}

/** 2026-11-02 至 2026-11-03, or one date. */
export function TrainingDates({ training }: { training: Pick<Training, 'starts_on' | 'ends_on'> }) {
  const { t } = useTranslation();
  const d = trainingDates(training);
  return <span style={{ whiteSpace: 'nowrap' }}>{'day' in d ? d.day : t('trainings.dateRange', d)}</span>;
}

import { ConfigProvider, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssignmentStatus, FrameworkStatus, RoundStatus, SubjectType } from '../../api/types';
import { sumStatus } from './frameworkTree';

export const FRAMEWORK_STATUS_COLOR: Record<FrameworkStatus, string> = { draft: 'default', active: 'green', retired: 'purple' };

export function FrameworkStatusTag({ status, testId = 'framework-status' }: { status: FrameworkStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={FRAMEWORK_STATUS_COLOR[status]} data-testid={testId}>
      {t(`evaluation.framework.statuses.${status}`)}
    </Tag>
  );
}

export const ROUND_STATUS_COLOR: Record<RoundStatus, string> = { draft: 'default', scoring: 'blue', closed: 'orange', published: 'green' };

export function RoundStatusTag({ status }: { status: RoundStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={ROUND_STATUS_COLOR[status]} data-testid="round-status">
      {t(`evaluation.round.statuses.${status}`)}
    </Tag>
  );
}

const ASSIGNMENT_STATUS_COLOR: Record<AssignmentStatus, string> = { assigned: 'blue', submitted: 'green', recused: 'orange', withdrawn: 'default' };

export function AssignmentStatusTag({ status, reason }: { status: AssignmentStatus; reason?: string }) {
  const { t } = useTranslation();
  const tag = (
    <Tag color={ASSIGNMENT_STATUS_COLOR[status]} data-testid="assignment-status">
      {t(`evaluation.assignment.statuses.${status}`)}
    </Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

const SUBJECT_TYPE_COLOR: Record<SubjectType, string> = { organization: 'geekblue', brand: 'gold', province: 'cyan' };

/** 组织 / 品牌 / 省份. */
export function SubjectTypeTag({ type }: { type: SubjectType }) {
  const { t } = useTranslation();
  return <Tag color={SUBJECT_TYPE_COLOR[type]}>{t(`evaluation.subjectTypes.${type}`)}</Tag>;
}

/** A sibling group's weights as typed: green at 100, red otherwise (with how far off). */
export function WeightSumTag({ sum, testId }: { sum: number; testId?: string }) {
  const { t } = useTranslation();
  const { ok } = sumStatus(sum);
  // a sum, not an input: in colour also inside a read-only (disabled) form
  return (
    <ConfigProvider componentDisabled={false}>
      <Tag color={ok ? 'success' : 'error'} data-testid={testId} data-ok={ok ? 'true' : 'false'}>
        {ok ? t('evaluation.tree.sumOk', { sum }) : t('evaluation.tree.sumOff', { sum })}
      </Tag>
    </ConfigProvider>
  );
}

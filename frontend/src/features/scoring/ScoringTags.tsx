import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssignmentStatus, RoundStatus } from '../../api/types';

const ASSIGNMENT_COLOR: Record<AssignmentStatus, string> = { assigned: 'blue', submitted: 'green', recused: 'orange', withdrawn: 'default' };

/** 待评分 / 已提交 / 已回避 / 已撤回. */
export function AssignmentStatusTag({ status }: { status: AssignmentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={ASSIGNMENT_COLOR[status]} data-testid="assignment-status">
      {t(`scoring.status.${status}`)}
    </Tag>
  );
}

const ROUND_COLOR: Record<RoundStatus, string> = { draft: 'default', scoring: 'processing', closed: 'purple', published: 'green' };

/** 筹备中 / 评分中 / 已结束评分 / 已发布. */
export function RoundStatusTag({ status }: { status: RoundStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={ROUND_COLOR[status]} data-testid="round-status">
      {t(`scoring.roundStatus.${status}`)}
    </Tag>
  );
}

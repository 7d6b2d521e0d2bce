import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportStatus } from '../../api/types';
import { BOARD_STATE_COLORS, boardState, boardStateKey, STATUS_COLORS } from './reportLogic';

/** 草稿 / 已报送 / 已退回 / 已接收. */
export function ReportStatusTag({ status, testId }: { status: ReportStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId} data-status={status}>
      {t(`yearEnd.status.${status}`)}
    </Tag>
  );
}

/** A province's state on the board: 未开始 … 已接收 (signatures counted while it is written). */
export function BoardStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={BOARD_STATE_COLORS[boardState(state)]} data-testid="board-state" data-state={boardState(state)}>
      {t(boardStateKey(state))}
    </Tag>
  );
}

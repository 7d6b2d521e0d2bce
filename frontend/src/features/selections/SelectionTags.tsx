import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NominationStatus, SelectionKind, SelectionStatus } from '../../api/types';

const STATUS_COLOR: Record<SelectionStatus, string> = { nominating: 'blue', reviewing: 'orange', published: 'green' };

/** 推荐中 / 评审中 / 已发布. */
export function SelectionStatusTag({ status }: { status: SelectionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="selection-status">
      {t(`selections.statuses.${status}`)}
    </Tag>
  );
}

/** 优秀社会组织 / 知名公益品牌. */
export function SelectionKindTag({ kind }: { kind: SelectionKind }) {
  const { t } = useTranslation();
  return <Tag color={kind === 'outstanding_organization' ? 'geekblue' : 'gold'}>{t(`selections.kinds.${kind}`)}</Tag>;
}

const NOMINATION_COLOR: Record<NominationStatus, string> = { nominated: 'processing', selected: 'success', not_selected: 'default', withdrawn: 'warning' };

/** 已推荐 / 入选 / 未入选 / 已撤回. */
export function NominationStatusTag({ status }: { status: NominationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={NOMINATION_COLOR[status]} data-testid="nomination-status">
      {t(`selections.nominationStatuses.${status}`)}
    </Tag>
  );
}

import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseLine, CaseStatus, CollectionStatus } from '../../api/types';

export const CASE_STATUS_COLOR: Record<CaseStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  shortlisted: 'cyan',
  typical: 'gold',
  returned: 'orange',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={CASE_STATUS_COLOR[status]} data-testid="case-status">
      {t(`cases.statuses.${status}`)}
    </Tag>
  );
}

export const COLLECTION_STATUS_COLOR: Record<CollectionStatus, string> = { open: 'green', closed: 'default', published: 'purple' };

export function CollectionStatusTag({ status }: { status: CollectionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLLECTION_STATUS_COLOR[status]} data-testid="collection-status">
      {t(`collections.statuses.${status}`)}
    </Tag>
  );
}

const LINE_COLOR: Record<CaseLine, string> = { development: 'green', construction: 'geekblue', governance: 'volcano' };

/** 乡村发展 / 乡村建设 / 乡村治理. */
export function CaseLineTag({ line }: { line: CaseLine }) {
  const { t } = useTranslation();
  return <Tag color={LINE_COLOR[line]}>{t(`cases.lines.${line}`)}</Tag>;
}

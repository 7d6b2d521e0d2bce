import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IncidentKind, IncidentStatus, Severity } from '../../api/types';

/** The grading's colours, mildest to worst: 一般 blue, 较大 gold, 重大 orange-red, 特别重大 red. */
export const SEVERITY_COLOR: Record<Severity, string> = { low: 'blue', medium: 'gold', high: 'volcano', critical: 'red' };

export const INCIDENT_STATUS_COLOR: Record<IncidentStatus, string> = { reported: 'orange', handling: 'processing', resolved: 'green', closed: 'default' };

/** 一般 / 较大 / 重大 / 特别重大, coloured by how bad it is. */
export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_COLOR[severity]} data-testid="incident-severity" data-severity={severity}>
      {t(`incidents.severity.${severity}`)}
    </Tag>
  );
}

/** 已报告 / 处置中 / 已处置 / 已结案. */
export function IncidentStatusTag({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={INCIDENT_STATUS_COLOR[status]} data-testid="incident-status" data-status={status}>
      {t(`incidents.status.${status}`)}
    </Tag>
  );
}

export function IncidentKindTag({ kind }: { kind: IncidentKind }) {
  const { t } = useTranslation();
  return <Tag data-testid="incident-kind">{t(`incidents.kind.${kind}`)}</Tag>;
}

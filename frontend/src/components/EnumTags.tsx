import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssistanceType, BrandFocus, BrandLine, BrandStatus, Consent, OrgStatus, PairingStatus, ProjectStatus } from '../api/types';

/** Assistance types (帮扶类型) as tags, in the UI language. */
export function AssistanceTypeTags({ types }: { types: readonly AssistanceType[] }) {
  const { t } = useTranslation();
  return (
    <>
      {types.map((a) => (
        <Tag key={a} color="geekblue">
          {t(`assistanceType.${a}`)}
        </Tag>
      ))}
    </>
  );
}

export const PAIRING_STATUS_COLOR: Record<PairingStatus, string> = {
  proposed: 'default',
  recommended: 'blue',
  accepted: 'geekblue',
  confirmed: 'cyan',
  active: 'green',
  concluded: 'purple',
  terminated: 'red',
  declined: 'volcano',
};

export function PairingStatusTag({ status }: { status: PairingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={PAIRING_STATUS_COLOR[status]} data-testid="pairing-status">
      {t(`pairingStatus.${status}`)}
    </Tag>
  );
}

const ORG_STATUS_COLOR: Record<OrgStatus, string> = { active: 'green', suspended: 'orange', revoked: 'red' };

export function OrgStatusTag({ status }: { status: OrgStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={ORG_STATUS_COLOR[status]} data-testid="org-status">
      {t(`orgStatus.${status}`)}
    </Tag>
  );
}

/** The 待复核 flag of a pairing whose organization was suspended or revoked, with the reason. */
export function ReviewFlagTag({ reason }: { reason?: string | null }) {
  const { t } = useTranslation();
  return (
    <Tag color="warning" data-testid="review-flag" title={reason ?? undefined}>
      {t('pairing.reviewFlag')}
      {reason ? `：${reason}` : ''}
    </Tag>
  );
}

export const PROJECT_STATUS_COLOR: Record<ProjectStatus, string> = {
  docking: 'blue',
  signed: 'cyan',
  landed: 'green',
  completed: 'purple',
  suspended: 'orange',
  cancelled: 'red',
};

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={PROJECT_STATUS_COLOR[status]} data-testid="project-status">
      {t(`projectStatus.${status}`)}
    </Tag>
  );
}

/** 停滞: an open project without a progress update for 90 days. */
export function StaleTag() {
  const { t } = useTranslation();
  return (
    <Tag color="orange" data-testid="stale-tag" title={t('project.staleHint')}>
      {t('project.stale')}
    </Tag>
  );
}

const CONSENT_COLOR: Record<Consent, string> = { invited: 'gold', accepted: 'green', declined: 'red' };

/** An organization's answer to being named in a pairing or project: 待接受 / 已接受 / 已拒绝. */
export function ConsentTag({ consent }: { consent: Consent }) {
  const { t } = useTranslation();
  return (
    <Tag color={CONSENT_COLOR[consent]} data-testid="consent-tag" data-consent={consent}>
      {t(`consent.${consent}`)}
    </Tag>
  );
}

export const BRAND_STATUS_COLOR: Record<BrandStatus, string> = {
  draft: 'default',
  applied: 'blue',
  recommended: 'cyan',
  recognized: 'green',
  demonstration: 'gold',
  returned: 'orange',
  revoked: 'red',
};

export function BrandStatusTag({ status }: { status: BrandStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={BRAND_STATUS_COLOR[status]} data-testid="brand-status">
      {t(`brandStatus.${status}`)}
    </Tag>
  );
}

/** The plan's three lines, each with its own colour wherever a brand or case is shown. */
export const BRAND_LINE_COLOR: Record<BrandLine, string> = { development: 'volcano', construction: 'geekblue', governance: 'purple' };

export function BrandLineTag({ line }: { line: BrandLine }) {
  const { t } = useTranslation();
  return (
    <Tag color={BRAND_LINE_COLOR[line]} data-testid="brand-line">
      {t(`brandLine.${line}`)}
    </Tag>
  );
}

export function BrandFocusTags({ focus }: { focus: readonly BrandFocus[] }) {
  const { t } = useTranslation();
  return (
    <>
      {focus.map((f) => (
        <Tag key={f} data-testid="brand-focus">
          {t(`brandFocus.${f}`)}
        </Tag>
      ))}
    </>
  );
}

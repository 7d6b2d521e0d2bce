// What a notification says and where it leads, from its kind: the server sends the kind, the
// object's id and name (`subject`) and a count (`amount`); the words and the links are the SPA's.

import type { TFunction } from 'i18next';
import type { Notice, NoticeKind } from '../../api/types';

/** How many of the latest notifications the bell's panel shows. */
export const BELL_SIZE = 8;

/** How often the bell asks again (a 304 while nothing changed). */
export const POLL_MS = 30_000;

/** The page that answers the notice: the object's own page, or the list of what waits. */
export function noticeLink(n: Pick<Notice, 'kind' | 'entity_id'>): string {
  const id = encodeURIComponent(n.entity_id);
  switch (n.kind) {
    case 'pairing_to_answer':
    case 'pairing_to_confirm':
      return `/pairings/${id}`;
    case 'landing_to_confirm':
      return `/projects/${id}`;
    case 'assignment_to_score':
      // the expert's worklist: the round's assignments are scored from there
      return '/scoring';
    case 'case_to_review':
    case 'case_returned':
    case 'deadline_soon':
      return `/cases/${id}`;
    case 'projects_stale':
      // the organization's projects, stale ones only
      return `/projects?organization=${id}&stale=true`;
    case 'incident_urgent':
      return `/incidents/${id}`;
    case 'report_to_sign':
    case 'report_returned':
      return `/year-end-reports/${id}`;
    case 'report_due':
      // `<year>:<province>`: the report may not exist yet, so the province's reports of that year
      return reportsOfYear(n.entity_id);
    case 'webhook_disabled':
      return `/webhooks?open=${id}`;
  }
}

/** The reports list of the year a reminder names (`2026:510000` → `/year-end-reports?year=2026`). */
function reportsOfYear(entityId: string): string {
  const year = /^(\d{4}):/.exec(entityId)?.[1];
  return year ? `/year-end-reports?year=${year}` : '/year-end-reports';
}

/** The short label of a kind (待确认落地), shown as a tag before the sentence. */
export function noticeLabel(kind: NoticeKind, t: TFunction): string {
  return t(`notifications.kind.${kind}`);
}

/** The notice as a sentence: what waits, on what, and the count or days it carries. */
export function noticeText(n: Pick<Notice, 'kind' | 'subject' | 'amount'>, t: TFunction): string {
  const key = n.kind === 'deadline_soon' && n.amount <= 0 ? 'deadline_today' : n.kind;
  return t(`notifications.text.${key}`, { subject: n.subject, amount: n.amount });
}

// The audit log's codes are labelled by the server's vocabulary (GET /api/v1/audit-events/vocabulary,
// backend audit/vocabulary.rs) in the UI's language; codes it does not know are shown as they are.
// What stays here: where each kind of object opens in the SPA, and the JSON diff helpers.

import type { AuditEvent, AuditTerm } from '../../api/types';

/** A term's label in the UI language. */
export function termText(term: AuditTerm, lang: string): string {
  return lang.startsWith('en') ? term.en : term.zh;
}

/** A code's label in the UI language, or the code itself. */
export function termLabel(terms: readonly AuditTerm[] | undefined, code: string, lang: string): string {
  const term = terms?.find((x) => x.code === code);
  return term ? termText(term, lang) : code;
}

function field(v: unknown, name: string): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const value = (v as Record<string, unknown>)[name];
  return typeof value === 'string' && value ? value : undefined;
}

/** One field of the event's snapshots, after first (what it became), else before. */
function snapshot(e: Pick<AuditEvent, 'before' | 'after'>, name: string): string | undefined {
  return field(e.after, name) ?? field(e.before, name);
}

/**
 * Where the event's object opens: its own page, or its parent's for what has none (an offer on
 * its organization, a docking event on its campaign); the list for accounts and tokens.
 */
export function entityPath(e: Pick<AuditEvent, 'entity_type' | 'entity_id' | 'before' | 'after'>): string | undefined {
  const id = encodeURIComponent(e.entity_id);
  switch (e.entity_type) {
    case 'project':
      return `/projects/${id}`;
    case 'pairing':
      return `/pairings/${id}`;
    case 'need':
      return `/needs/${id}`;
    case 'organization':
      return `/organizations/${id}`;
    case 'campaign':
      return `/campaigns/${id}`;
    case 'brand':
      return `/brands/${id}`;
    case 'case':
      return `/cases/${id}`;
    case 'county':
      return `/counties/${id}`;
    case 'case_collection':
      return '/case-collections';
    case 'key_county_list':
      return '/key-counties';
    case 'api_token':
      return '/api-tokens';
    case 'user': {
      const username = snapshot(e, 'username');
      return username ? `/users?q=${encodeURIComponent(username)}` : '/users';
    }
    case 'offer': {
      const org = snapshot(e, 'organization_id');
      return org ? `/organizations/${encodeURIComponent(org)}` : undefined;
    }
    case 'docking_event': {
      const campaign = snapshot(e, 'campaign_id');
      return campaign ? `/campaigns/${encodeURIComponent(campaign)}` : undefined;
    }
    default:
      return undefined;
  }
}

/** What the object is called in its snapshots, so a row reads as more than an id. */
export function entityName(e: Pick<AuditEvent, 'before' | 'after'>): string | undefined {
  return snapshot(e, 'title') ?? snapshot(e, 'name') ?? snapshot(e, 'display_name') ?? snapshot(e, 'county_name');
}

/** Pretty-printed JSON lines, each marked when it belongs to one of the changed top-level fields. */
export function jsonLines(value: unknown, changed: ReadonlySet<string>): { text: string; changed: boolean }[] {
  let key: string | null = null;
  return JSON.stringify(value, null, 2)
    .split('\n')
    .map((text) => {
      const top = /^ {2}"((?:[^"\\]|\\.)*)":/.exec(text);
      if (top) key = JSON.parse(`"${top[1]}"`) as string;
      else if (!text.startsWith(' ')) key = null; // the braces of the object itself
      return { text, changed: key !== null && changed.has(key) };
    });
}

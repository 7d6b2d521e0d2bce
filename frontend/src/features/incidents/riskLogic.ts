import { SEVERITIES, type RiskProject, type RiskQuery, type Role, type Severity, type SeverityAge } from '../../api/types';

/** Why a project is at risk, in the order its tags show. */
export const RISK_REASONS = ['stale', 'not_landed', 'flagged', 'incidents'] as const;
export type RiskReason = (typeof RISK_REASONS)[number];

export const RISK_REASON_COLOR: Record<RiskReason, string> = { stale: 'orange', not_landed: 'gold', flagged: 'red', incidents: 'volcano' };

/** 长期未更新 · 签约超180天未落地 · 已标记复核 · 有未结事件: every reason that applies. */
export function riskReasons(p: Pick<RiskProject, 'stale' | 'not_landed' | 'flagged' | 'open_incidents'>): RiskReason[] {
  const has: Record<RiskReason, boolean> = { stale: p.stale, not_landed: p.not_landed, flagged: p.flagged, incidents: p.open_incidents > 0 };
  return RISK_REASONS.filter((r) => has[r]);
}

/** A row of the open incidents' table: how many of one severity happened how long ago, in buckets that add up. */
export interface SeverityRow {
  severity: Severity;
  within7: number;
  /** 7 to 30 days ago (the server's `within_30_days` counts the last 7 days too). */
  within30: number;
  older: number;
  total: number;
}

/** Every severity, the worst first, zero where none is open. */
export function severityRows(rows: readonly SeverityAge[]): SeverityRow[] {
  return [...SEVERITIES].reverse().map((severity) => {
    const r = rows.find((x) => x.severity === severity);
    if (!r) return { severity, within7: 0, within30: 0, older: 0, total: 0 };
    return { severity, within7: r.within_7_days, within30: r.within_30_days - r.within_7_days, older: r.older, total: r.total };
  });
}

/** The sums of the table's columns (合计). */
export function severityTotals(rows: readonly SeverityRow[]): Omit<SeverityRow, 'severity'> {
  const sum = (k: keyof Omit<SeverityRow, 'severity'>) => rows.reduce((s, r) => s + r[k], 0);
  return { within7: sum('within7'), within30: sum('within30'), older: sum('older'), total: sum('total') };
}

/**
 * The area in the URL, as far as the role may narrow it: a national admin a province and a
 * county, a province's officer one of its counties; a county officer sees its county only.
 */
export function riskQueryFromSearch(p: URLSearchParams, role: Role): RiskQuery {
  const province = role === 'national_admin' ? p.get('province') || undefined : undefined;
  const county = role === 'national_admin' || role === 'provincial_officer' ? p.get('county') || undefined : undefined;
  return { ...(province ? { province } : {}), ...(county ? { county } : {}) };
}

/** The incidents list with the view's area and the given filters (an organization, a severity), open ones only unless said. */
export function incidentsLink(area: RiskQuery, filters: Record<string, string>): string {
  const p = new URLSearchParams({ ...(area.province ? { province: area.province } : {}), ...(area.county ? { county: area.county } : {}), ...filters });
  return `/incidents?${p.toString()}`;
}

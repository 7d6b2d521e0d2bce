import type { FieldProblem } from '../../api/problem';
import type { Assignment, AssignmentStatus, RubricBand, Score, ScoreSheet, ScoringIndicator, SubjectType } from '../../api/types';

// The scoring sheet's rules as the page applies them. The server decides (422 on submit); these
// mirror it so the page can say what a score needs before it is sent.

/** A score below 60 or above 90 needs a comment to be submitted (backend evaluation/panel.rs `needs_comment`). */
export function commentRequired(score: number | null | undefined): boolean {
  return score != null && (score < 60 || score > 90);
}

/** What the page holds for one expert indicator while it is typed. */
export interface ScoreValue {
  score: number | null;
  comment: string;
}

/** The form's values: one entry per expert indicator, by its code. */
export type ScoreValues = Record<string, ScoreValue>;

/** The form's first values: every expert indicator, with the score saved for it if any. */
export function initialScores(sheet: Pick<ScoreSheet, 'indicators' | 'scores'>): ScoreValues {
  return Object.fromEntries(
    sheet.indicators.map((i) => {
      const saved = sheet.scores.find((s) => s.indicator === i.code);
      return [i.code, { score: saved?.score ?? null, comment: saved?.comment ?? '' }];
    }),
  );
}

/** The body of a save: every indicator in the sheet's order, blank scores as null, comments trimmed. */
export function toPutScores(indicators: readonly Pick<ScoringIndicator, 'code'>[], values: Partial<ScoreValues>): Score[] {
  return indicators.map((i) => {
    const v = values[i.code];
    return { indicator: i.code, score: v?.score ?? null, comment: (v?.comment ?? '').trim() };
  });
}

/**
 * A 422's field errors placed on the indicators: a save names `scores[<index of the sent list>].score`,
 * a submission `scores[<code>].comment`. An `indicator` error goes on the score. What names no
 * indicator is left over, for an alert.
 */
export function scoreFieldErrors(
  errors: readonly FieldProblem[],
  sent: readonly string[],
): { fields: { name: [string, 'score' | 'comment']; errors: string[] }[]; rest: FieldProblem[] } {
  const byField = new Map<string, { name: [string, 'score' | 'comment']; errors: string[] }>();
  const rest: FieldProblem[] = [];
  for (const e of errors) {
    const m = /^scores\[([^\]]+)\]\.(score|comment|indicator)$/.exec(e.field);
    const key = m?.[1];
    const code = key === undefined ? undefined : /^\d+$/.test(key) && Number(key) < sent.length ? sent[Number(key)] : key;
    if (!m || code === undefined || (!sent.includes(code) && sent.length > 0)) {
      rest.push(e);
      continue;
    }
    const part = m[2] === 'comment' ? 'comment' : 'score';
    const id = `${code}\u001f${part}`;
    const entry = byField.get(id) ?? { name: [code, part], errors: [] };
    entry.errors.push(e.message);
    byField.set(id, entry);
  }
  return { fields: [...byField.values()], rest };
}

/** The rubric band a score falls in, to show what it means. */
export function bandOf(score: number | null | undefined, rubric: readonly RubricBand[]): RubricBand | undefined {
  if (score == null) return undefined;
  return rubric.find((b) => score >= b.min && score <= b.max);
}

/** Assignments that still count: not recused or withdrawn. */
const LIVE: readonly AssignmentStatus[] = ['assigned', 'submitted'];

/** An expert's progress in one round: their live assignments in it, and how many they submitted. */
export function roundProgress(assignments: readonly Pick<Assignment, 'round_id' | 'status'>[], roundId: string): { submitted: number; total: number } {
  const live = assignments.filter((a) => a.round_id === roundId && LIVE.includes(a.status));
  return { submitted: live.filter((a) => a.status === 'submitted').length, total: live.length };
}

/** A progress as a whole percentage (0 when there is nothing to do). */
export function percent(done: number, total: number): number {
  return total > 0 ? Math.round((done / total) * 100) : 0;
}

/** The page of a round's subject: an organization's, a brand's, or the provinces' list. */
export function subjectPath(type: SubjectType, id: string): string {
  switch (type) {
    case 'organization':
      return `/organizations/${id}`;
    case 'brand':
      return `/brands/${id}`;
    default:
      return '/provinces';
  }
}

/** The i18n key of a figure's unit as the catalogue writes it (`个`, `人`, `元`, `%`, `年`). */
export function unitKey(unit: string): string | undefined {
  return { '个': 'count', '人': 'people', '元': 'yuan', '%': 'percent', '年': 'years' }[unit];
}

/** A figure of the evidence pack as a number to read: grouped, money to the fen, ratios to 0.01. */
export function formatFigure(value: number, unit: string, language: string): string {
  const digits = unit === '元' || unit === '%' ? 2 : 0;
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** Why a sheet is read-only (`editable` false), to say so above it; null while it may be changed. */
export function readOnlyReason(sheet: Pick<ScoreSheet, 'editable'> & { assignment: Pick<Assignment, 'status' | 'round_status'> }): 'recused' | 'withdrawn' | 'notScoring' | 'notYours' | null {
  if (sheet.editable) return null;
  const a = sheet.assignment;
  if (a.status === 'recused' || a.status === 'withdrawn') return a.status;
  if (a.round_status !== 'scoring') return 'notScoring';
  return 'notYours';
}

/** The figures in the catalogue's order (as the framework editor lists the metrics); unknown ones last, by code. */
export function orderFigures<F extends { metric: string }>(figures: readonly F[], catalogue: readonly string[]): F[] {
  const at = (m: string) => {
    const i = catalogue.indexOf(m);
    return i < 0 ? Infinity : i;
  };
  return [...figures].sort((a, b) => at(a.metric) - at(b.metric) || a.metric.localeCompare(b.metric));
}

// The year-end report's rules as the page applies them, without React: which sections a save
// sends, who still has to sign, how the figures drifted since submission, what a version changed.

import {
  BOARD_STATES,
  DEPARTMENTS,
  REPORT_SECTIONS,
  type BoardState,
  type Department,
  type ReportChange,
  type ReportFigure,
  type ReportPatch,
  type ReportSection,
  type ReportSections,
  type ReportSignature,
  type ReportStatus,
} from '../../api/types';

/** The years a report may be written for (the server's bounds). */
export const FIRST_REPORT_YEAR = 2021;
export const LAST_REPORT_YEAR = 2100;

/** The year whose report is written now: the current one (reported at its end); another is picked. */
export function reportYearNow(now: Date = new Date()): number {
  return Math.min(LAST_REPORT_YEAR, Math.max(FIRST_REPORT_YEAR, now.getFullYear()));
}

/** The years to pick from: this year back to the first, newest first. */
export function reportYears(now: Date = new Date()): number[] {
  const last = Math.min(LAST_REPORT_YEAR, now.getFullYear());
  return Array.from({ length: last - FIRST_REPORT_YEAR + 1 }, (_, i) => last - i);
}

// ---- the editor -------------------------------------------------------------------------------

/**
 * What a section's editor holds as the server would keep it: an editor left empty (a bare line
 * break, empty paragraphs) is the empty string, so an untouched empty section is no change.
 */
export function normalizeSectionHtml(html: string): string {
  const trimmed = html.trim();
  if (/^(?:<(p|div|h3|h4|blockquote)>\s*(?:<br\s*\/?>)?\s*<\/\1>|<br\s*\/?>|\s|&nbsp;)*$/i.test(trimmed)) return '';
  return trimmed;
}

/**
 * The merge patch of a save: only the sections typed into that differ from what the report said
 * when the page read it, so a section someone else changed meanwhile is never put back; null when
 * nothing changed.
 */
export function sectionsPatch(drafts: Partial<Record<ReportSection, string>>, opened: ReportSections): ReportPatch | null {
  const changed: Partial<Record<ReportSection, string>> = {};
  for (const key of REPORT_SECTIONS) {
    const draft = drafts[key];
    if (draft === undefined) continue;
    const value = normalizeSectionHtml(draft);
    if (value !== normalizeSectionHtml(opened[key])) changed[key] = value;
  }
  return Object.keys(changed).length > 0 ? { sections: changed } : null;
}

/** The field a 422 names (`sections.results`) → its section, if it is one. */
export function sectionOfField(field: string): ReportSection | undefined {
  const key = field.replace(/^sections[.[]/, '').replace(/]$/, '');
  return field.startsWith('sections') ? REPORT_SECTIONS.find((s) => s === key) : undefined;
}

// ---- signatures and moves ----------------------------------------------------------------------

/** The departments whose signature the report still lacks, in their usual order. */
export function missingDepartments(signatures: readonly Pick<ReportSignature, 'department'>[]): Department[] {
  return DEPARTMENTS.filter((d) => !signatures.some((s) => s.department === d));
}

/** The moves as buttons read, submitting or accepting first, then returning, then reopening. */
export function orderedMoves(allowed: readonly ReportStatus[]): ReportStatus[] {
  const order: ReportStatus[] = ['submitted', 'accepted', 'returned', 'draft'];
  return order.filter((s) => allowed.includes(s));
}

/** The words of a move from where the report is: 报送, 接收, 退回, 重新打开. */
export function moveKey(to: ReportStatus): string {
  return `yearEnd.move.${to}`;
}

/** Returning and reopening need a reason; submitting and accepting take a note. */
export function reasonRequired(to: ReportStatus): boolean {
  return to === 'returned' || to === 'draft';
}

/** The comments of a return: only the sections commented on, trimmed. */
export function returnComments(values: Partial<Record<ReportSection, string | undefined>>): Partial<Record<ReportSection, string>> {
  const out: Partial<Record<ReportSection, string>> = {};
  for (const key of REPORT_SECTIONS) {
    const text = values[key]?.trim();
    if (text) out[key] = text;
  }
  return out;
}

export const STATUS_COLORS: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'success',
};

export function timelineColor(status: string): string {
  return status === 'accepted' ? 'green' : status === 'returned' ? 'orange' : status === 'submitted' ? 'blue' : 'gray';
}

// ---- the national board -------------------------------------------------------------------------

/** A board row's state as the contract sends it (text) → one of the known states, else not started. */
export function boardState(raw: string): BoardState {
  return BOARD_STATES.find((s) => s === raw) ?? 'not_started';
}

export const BOARD_STATE_COLORS: Record<BoardState, string> = {
  not_started: 'default',
  draft: 'default',
  signed_by_one: 'gold',
  signed: 'cyan',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'success',
};

/** The board's label key for a state: 未开始 / 草稿 / 一方已签 / 双方已签 / 已报送 / 已退回 / 已接收. */
export function boardStateKey(raw: string): string {
  return `yearEnd.boardState.${boardState(raw)}`;
}

/** Every state with its count (0 when the server left it out), in the board's order. */
export function boardCounts(counts: Record<string, number | undefined>): { state: BoardState; count: number }[] {
  return BOARD_STATES.map((state) => ({ state, count: counts[state] ?? 0 }));
}

/** A reminder is for provinces that have not submitted: those submitted or accepted are left out. */
export function remindable(state: string): boolean {
  const s = boardState(state);
  return s !== 'submitted' && s !== 'accepted';
}

// ---- figures: as submitted beside as they read now -------------------------------------------------

export interface FigureRow {
  key: string;
  label_zh: string;
  label_en: string;
  kind: string;
  /** As frozen at the last submission; null while the report is written (or the figure is new). */
  submitted: string | null;
  /** As the statistics read it now; null when it is no longer counted. */
  live: string | null;
  /** Frozen and live differ: the statistics changed since the submission. */
  drift: boolean;
}

/** Two figure values are the same amount whatever their writing ("3" and "3.00", "1200.5" and "1200.50"). */
export function sameValue(a: string, b: string): boolean {
  const n = (v: string) => v.trim().replace(/^(-?)0+(?=\d)/, '$1').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return n(a) === n(b);
}

/** The figures table: the live figures in their order, the frozen ones beside, drift marked. */
export function figureRows(frozen: readonly ReportFigure[] | null | undefined, live: readonly ReportFigure[]): FigureRow[] {
  const rows: FigureRow[] = live.map((f) => {
    const old = frozen?.find((o) => o.key === f.key);
    return {
      key: f.key,
      label_zh: f.label_zh,
      label_en: f.label_en,
      kind: f.kind,
      submitted: old ? old.value : null,
      live: f.value,
      drift: !!frozen && (!old || !sameValue(old.value, f.value)),
    };
  });
  for (const old of frozen ?? []) {
    if (!live.some((f) => f.key === old.key)) {
      rows.push({ key: old.key, label_zh: old.label_zh, label_en: old.label_en, kind: old.kind, submitted: old.value, live: null, drift: true });
    }
  }
  return rows;
}

// ---- versions: what a submission changed ---------------------------------------------------------

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** A section's HTML as plain lines: one per paragraph, heading, list item or line break. */
export function htmlToLines(html: string | null | undefined): string[] {
  if (!html) return [];
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n• ')
    .replace(/<\/(p|h3|h4|blockquote|li|ul|ol|div)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, e: string) => ENTITIES[e]);
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The part of a changed line that differs, between what it shares with its counterpart before and after. */
export interface InlineParts {
  prefix: string;
  changed: string;
  suffix: string;
}

export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string; parts?: InlineParts };

/** Two versions of a line as their common start, what differs, and their common end (by character). */
export function inlineDiff(before: string, after: string): { before: InlineParts; after: InlineParts } {
  const a = Array.from(before);
  const b = Array.from(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const parts = (chars: string[]): InlineParts => ({
    prefix: chars.slice(0, start).join(''),
    changed: chars.slice(start, chars.length - end).join(''),
    suffix: chars.slice(chars.length - end).join(''),
  });
  return { before: parts(a), after: parts(b) };
}

/** Lines removed and added at one place are the same lines edited: each pair shows what changed inside it. */
export function withInlineChanges(diff: readonly DiffLine[]): DiffLine[] {
  const out = diff.map((l) => ({ ...l }));
  for (let i = 0; i < out.length; ) {
    if (out[i].kind !== 'removed') {
      i++;
      continue;
    }
    let r = i;
    while (r < out.length && out[r].kind === 'removed') r++;
    let a = r;
    while (a < out.length && out[a].kind === 'added') a++;
    for (let k = 0; k < Math.min(r - i, a - r); k++) {
      const pair = inlineDiff(out[i + k].text, out[r + k].text);
      out[i + k].parts = pair.before;
      out[r + k].parts = pair.after;
    }
    i = a;
  }
  return out;
}

/** A line diff (longest common subsequence): what was kept, removed from before and added after. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: the longest common run of before[i..] and after[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = before[i] === after[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ kind: 'same', text: before[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      out.push({ kind: 'removed', text: before[i++] });
    } else {
      out.push({ kind: 'added', text: after[j++] });
    }
  }
  while (i < n) out.push({ kind: 'removed', text: before[i++] });
  while (j < m) out.push({ kind: 'added', text: after[j++] });
  return out;
}

export type VersionChange =
  | { kind: 'section'; key: string; section?: ReportSection; label: string; diff: DiffLine[] }
  | { kind: 'figure'; key: string; label: string; figureKind: string; before: string | null; after: string | null };

/**
 * A version's changes as the page shows them: a section's before and after as a line diff of
 * their text, a figure's value before → after (its kind read from the version's figures).
 */
export function versionChanges(changes: readonly ReportChange[], figures: readonly ReportFigure[]): VersionChange[] {
  return changes.map((c) => {
    if (c.field.startsWith('sections.')) {
      const key = c.field.slice('sections.'.length);
      return {
        kind: 'section',
        key,
        section: REPORT_SECTIONS.find((s) => s === key),
        label: c.label_zh,
        diff: withInlineChanges(diffLines(htmlToLines(c.before), htmlToLines(c.after))),
      };
    }
    const key = c.field.replace(/^figures\./, '');
    return {
      kind: 'figure',
      key,
      label: c.label_zh,
      figureKind: figures.find((f) => f.key === key)?.kind ?? 'count',
      before: c.before ?? null,
      after: c.after ?? null,
    };
  });
}

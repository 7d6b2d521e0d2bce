import type { FieldProblem } from '../../api/problem';
import { TIE_RELATIONS_BY_KIND, type Tie, type TieKind, type TieRelation } from '../../api/types';
import type { OrgOption } from '../../components/OrganizationSelect';

// The ties form (利益冲突申报): one row per tie, an organization picked by name or a province.

export interface TieRow {
  kind: TieKind;
  /** The organization picked (kept with its name), for an organization tie. */
  organization?: OrgOption;
  /** The province code, for a province tie. */
  province?: string;
  relation: TieRelation;
  note?: string;
}

/** The relations a kind of tie takes: an organization is worked for, advised or donated to; a province worked in. */
export function relationsOf(kind: TieKind): readonly TieRelation[] {
  return TIE_RELATIONS_BY_KIND[kind];
}

/** A new row of a kind, with its first relation. */
export function newTieRow(kind: TieKind = 'organization'): TieRow {
  return { kind, relation: relationsOf(kind)[0], note: '' };
}

/** The declared ties as the form's rows (an organization keeps the name the server gave). */
export function tieRowsOf(ties: readonly Tie[]): TieRow[] {
  return ties.map((t) =>
    t.kind === 'organization'
      ? { kind: t.kind, organization: { value: t.target_id, label: t.target_name ?? t.target_id }, relation: t.relation, note: t.note ?? '' }
      : { kind: t.kind, province: t.target_id, relation: t.relation, note: t.note ?? '' },
  );
}

/** The body of a save: every row, its target by kind, the note trimmed. */
export function toTies(rows: readonly TieRow[]): Tie[] {
  return rows.map((r) => ({
    kind: r.kind,
    target_id: (r.kind === 'organization' ? r.organization?.value : r.province) ?? '',
    relation: r.relation,
    note: (r.note ?? '').trim(),
  }));
}

/**
 * A 422's errors on the rows: `ties[i].target_id` goes on the row's organization or province,
 * `ties[i].relation` and `.note` on theirs; the rest (`ties`: too many) is left for an alert.
 */
export function tieFieldErrors(
  errors: readonly FieldProblem[],
  rows: readonly Pick<TieRow, 'kind'>[],
): { fields: { name: ['ties', number, keyof TieRow]; errors: string[] }[]; rest: FieldProblem[] } {
  const fields: { name: ['ties', number, keyof TieRow]; errors: string[] }[] = [];
  const rest: FieldProblem[] = [];
  for (const e of errors) {
    const m = /^ties\[(\d+)\]\.(target_id|relation|note|kind)$/.exec(e.field);
    const row = m ? rows[Number(m[1])] : undefined;
    if (!m || !row) {
      rest.push(e);
      continue;
    }
    const part: keyof TieRow = m[2] === 'target_id' ? (row.kind === 'organization' ? 'organization' : 'province') : (m[2] as 'relation' | 'note' | 'kind');
    const found = fields.find((f) => f.name[1] === Number(m[1]) && f.name[2] === part);
    if (found) found.errors.push(e.message);
    else fields.push({ name: ['ties', Number(m[1]), part], errors: [e.message] });
  }
  return { fields, rest };
}

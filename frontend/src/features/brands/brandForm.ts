import { BRAND_FOCUS_BY_LINE, BRAND_FOCUSES, type Brand, type BrandFocus, type BrandLine, type BrandPatch, type NewBrand } from '../../api/types';
import type { OrgOption } from '../../components/OrganizationSelect';

/** The focus values offered for a line: its own, or all of them before a line is chosen. */
export function focusOptions(line: BrandLine | undefined): readonly BrandFocus[] {
  return line ? BRAND_FOCUS_BY_LINE[line] : BRAND_FOCUSES;
}

/** What stays picked when the line changes: only the focus values of the new line. */
export function keepFocusOfLine(line: BrandLine | undefined, focus: readonly BrandFocus[] | undefined): BrandFocus[] {
  const allowed = focusOptions(line);
  return (focus ?? []).filter((f) => allowed.includes(f));
}

/** The fields a brand is registered and edited with, as the form holds them. */
export interface BrandFormValues {
  name: string;
  line?: BrandLine;
  focus: BrandFocus[];
  owner?: OrgOption;
  partners?: OrgOption[];
  started_year?: number | null;
  description?: string;
}

export function toNewBrand(v: BrandFormValues): NewBrand {
  const p = toBrandPatch(v);
  return {
    name: p.name ?? '',
    line: v.line as BrandLine,
    focus: p.focus ?? [],
    owner_organization_id: v.owner?.value ?? '',
    partner_organization_ids: p.partner_organization_ids ?? [],
    started_year: p.started_year,
    description: p.description ?? '',
  };
}

export type BrandEditValues = Omit<BrandFormValues, 'owner'>;

/** A brand in the edit form; partners' names come from `names` (read separately), else their ids. */
export function editValuesOf(b: Brand, names: Record<string, string | undefined> = {}): BrandEditValues {
  return {
    name: b.name,
    line: b.line,
    focus: [...b.focus],
    partners: b.partner_organization_ids.map((id) => ({ value: id, label: names[id] ?? id })),
    started_year: b.started_year ?? null,
    description: b.description,
  };
}

/** Every editable field, sorted where order means nothing, so `changedOnly` sees real changes only. */
export function toBrandPatch(v: BrandEditValues): BrandPatch {
  return {
    name: v.name.trim(),
    line: v.line,
    focus: [...v.focus].sort(),
    partner_organization_ids: (v.partners ?? []).map((o) => o.value).sort(),
    started_year: v.started_year ?? null,
    description: v.description?.trim() ?? '',
  };
}

/** The form field a server field error belongs on (the server names the contract's fields). */
export function formFieldOf(serverField: string): keyof BrandFormValues {
  if (serverField === 'owner_organization_id') return 'owner';
  if (serverField.startsWith('partner_organization_ids')) return 'partners';
  if (serverField.startsWith('focus')) return 'focus';
  return serverField as keyof BrandFormValues;
}

import type { Framework, FrameworkPatch, FrameworkTree, IndicatorMethod, Normalization, NewFramework, SubjectType } from '../../api/types';

// The framework editor's pure logic: the tree as the form holds it (half-typed values allowed),
// the tree as the API takes it, the live weight sums, new nodes' codes, and where a server error
// about a node belongs.

/** What a sibling group's weights must add up to before the framework can be activated. */
export const WEIGHT_TOTAL = 100;

export interface BandValues {
  min?: number | null;
  max?: number | null;
  description?: string;
}

export interface IndicatorValues {
  code?: string;
  name?: string;
  weight?: number | null;
  method?: IndicatorMethod;
  metric?: string | null;
  normalization?: Normalization | null;
  target?: number | null;
  rubric?: BandValues[];
}

export interface DimensionValues {
  code?: string;
  name?: string;
  weight?: number | null;
  indicators?: IndicatorValues[];
}

export interface TreeValues {
  dimensions?: DimensionValues[];
}

/** The editor's form: the framework's own fields and its tree. */
export interface FrameworkFormValues {
  name: string;
  subject_type?: SubjectType;
  description?: string;
  tree: TreeValues;
}

/** The sum of a sibling group's weights as typed so far (an empty weight counts 0). */
export function weightSum(nodes: readonly { weight?: number | null }[] | undefined): number {
  return (nodes ?? []).reduce((s, n) => s + (typeof n?.weight === 'number' && Number.isFinite(n.weight) ? n.weight : 0), 0);
}

/** Whether a group's weights add up (green), and how far off they are otherwise (red). */
export function sumStatus(sum: number): { ok: boolean; off: number } {
  return { ok: sum === WEIGHT_TOTAL, off: sum - WEIGHT_TOTAL };
}

/** Every sibling group whose weights do not add up yet: the dimensions, then each dimension's indicators. */
export function unbalancedGroups(tree: TreeValues | undefined): { path: string; sum: number }[] {
  const dims = tree?.dimensions ?? [];
  const out: { path: string; sum: number }[] = [];
  if (dims.length > 0 && weightSum(dims) !== WEIGHT_TOTAL) out.push({ path: 'tree.dimensions', sum: weightSum(dims) });
  dims.forEach((d, i) => {
    const sum = weightSum(d?.indicators);
    if ((d?.indicators ?? []).length > 0 && sum !== WEIGHT_TOTAL) out.push({ path: `tree.dimensions[${i}].indicators`, sum });
  });
  return out;
}

/** Every code the tree uses (dimensions and indicators share one set: a code is unique in the framework). */
export function usedCodes(tree: TreeValues | undefined): Set<string> {
  const codes = new Set<string>();
  for (const d of tree?.dimensions ?? []) {
    if (d?.code) codes.add(d.code);
    for (const i of d?.indicators ?? []) if (i?.code) codes.add(i.code);
  }
  return codes;
}

/** The first of `prefix1`, `prefix2`, … that the tree does not use yet. */
export function nextCode(prefix: string, used: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const code = `${prefix}${n}`;
    if (!used.has(code)) return code;
  }
}

/** A new dimension: the next free `D<n>` code, no weight yet, no indicators. */
export function newDimension(tree: TreeValues | undefined): DimensionValues {
  return { code: nextCode('D', usedCodes(tree)), name: '', weight: null, indicators: [] };
}

/** A new indicator of a dimension: code `<dimension>.<n>`, computed and normalized min–max until changed. */
export function newIndicator(tree: TreeValues | undefined, dimensionCode: string | undefined): IndicatorValues {
  const prefix = `${dimensionCode || 'I'}.`;
  return { code: nextCode(prefix, usedCodes(tree)), name: '', weight: null, method: 'computed', metric: null, normalization: 'min_max', target: null, rubric: [] };
}

/** A new rubric band starting where the last one ended. */
export function newBand(rubric: readonly BandValues[] | undefined): BandValues {
  const last = rubric?.[rubric.length - 1];
  const min = typeof last?.max === 'number' ? Math.min(last.max + 1, 100) : 0;
  return { min, max: 100, description: '' };
}

function whole(n: number | null | undefined): number {
  return typeof n === 'number' && Number.isFinite(n) ? Math.round(n) : 0;
}

/**
 * The tree as the API takes it: each indicator carries only its method's fields (a computed one
 * its metric, normalization and target; an expert one its rubric), so switching the method in
 * the editor never sends the other method's leftovers. Text is trimmed; an empty weight is 0.
 */
export function toTree(values: TreeValues | undefined): FrameworkTree {
  return {
    dimensions: (values?.dimensions ?? []).map((d) => ({
      code: (d?.code ?? '').trim(),
      name: (d?.name ?? '').trim(),
      weight: whole(d?.weight),
      indicators: (d?.indicators ?? []).map((i) => {
        const base = { code: (i?.code ?? '').trim(), name: (i?.name ?? '').trim(), weight: whole(i?.weight) };
        if (i?.method === 'expert') {
          return {
            ...base,
            method: 'expert' as const,
            rubric: (i.rubric ?? []).map((b) => ({ min: whole(b?.min), max: whole(b?.max), description: (b?.description ?? '').trim() })),
          };
        }
        const normalization = i?.normalization ?? 'min_max';
        return {
          ...base,
          method: 'computed' as const,
          metric: i?.metric || null,
          normalization,
          ...(normalization === 'target' ? { target: typeof i?.target === 'number' ? i.target : null } : {}),
        };
      }),
    })),
  };
}

/** A framework in the editor. */
export function formValuesOf(f: Framework): FrameworkFormValues {
  return {
    name: f.name,
    subject_type: f.subject_type,
    description: f.description,
    tree: {
      dimensions: f.tree.dimensions.map((d) => ({
        ...d,
        indicators: d.indicators.map((i) => ({
          ...i,
          metric: i.metric ?? null,
          normalization: i.method === 'computed' ? (i.normalization ?? 'min_max') : null,
          target: i.target ?? null,
          rubric: (i.rubric ?? []).map((b) => ({ ...b })),
        })),
      })),
    },
  };
}

export function toNewFramework(v: FrameworkFormValues): NewFramework {
  return { name: v.name.trim(), subject_type: v.subject_type as SubjectType, description: v.description?.trim() ?? '', tree: toTree(v.tree) };
}

/** Every field the editor changes (the tree whole, as the API replaces it whole). */
export function toFrameworkPatch(v: FrameworkFormValues): Required<Pick<FrameworkPatch, 'name' | 'description' | 'tree'>> {
  return { name: v.name.trim(), description: v.description?.trim() ?? '', tree: toTree(v.tree) };
}

/** Only what changed since the editor opened, so a save after a conflict keeps others' other changes. */
export function changedOnly(patch: ReturnType<typeof toFrameworkPatch>, opened: ReturnType<typeof toFrameworkPatch>): FrameworkPatch {
  const out: FrameworkPatch = {};
  if (patch.name !== opened.name) out.name = patch.name;
  if (patch.description !== opened.description) out.description = patch.description;
  if (JSON.stringify(patch.tree) !== JSON.stringify(opened.tree)) out.tree = patch.tree;
  return out;
}

// ---- server errors: `tree.dimensions[1].indicators[0].weight` → the form's field path ------------

export type FieldPath = (string | number)[];

/** A server field name as a form path: `tree.dimensions[1].indicators` → ['tree', 'dimensions', 1, 'indicators']. */
export function fieldPath(serverField: string): FieldPath {
  const out: FieldPath = [];
  for (const part of serverField.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The leaf inputs of the editor a server error can sit on; other errors belong to a node or a group. */
const LEAVES = new Set(['code', 'name', 'weight', 'metric', 'normalization', 'target', 'min', 'max', 'description', 'subject_type']);

/** Whether a server error names one input (a code, a weight …) rather than a group or a node (`…indicators`, `…rubric[0]`). */
export function isLeafError(serverField: string): boolean {
  const path = fieldPath(serverField);
  const last = path[path.length - 1];
  return typeof last === 'string' && LEAVES.has(last);
}

/**
 * Where a node sits in words, for the error list: `tree.dimensions[1].indicators` →
 * 维度 2「成效」› 指标. `label` gives the words of the parts (维度 / 指标 / 分档 / the field).
 */
export function describeNode(
  serverField: string,
  tree: TreeValues | undefined,
  label: (part: 'dimension' | 'indicator' | 'band' | 'dimensions' | 'indicators' | 'rubric' | string, n?: number, name?: string) => string,
): string {
  const path = fieldPath(serverField);
  if (path[0] === 'tree') path.shift();
  const words: string[] = [];
  let dim: DimensionValues | undefined;
  let ind: IndicatorValues | undefined;
  for (let k = 0; k < path.length; k++) {
    const part = path[k];
    const n = path[k + 1];
    if (part === 'dimensions' && typeof n === 'number') {
      dim = tree?.dimensions?.[n];
      words.push(label('dimension', n + 1, dim?.name || undefined));
      k++;
    } else if (part === 'indicators' && typeof n === 'number') {
      ind = dim?.indicators?.[n];
      words.push(label('indicator', n + 1, ind?.name || undefined));
      k++;
    } else if (part === 'rubric' && typeof n === 'number') {
      words.push(label('band', n + 1));
      k++;
    } else if (typeof part === 'string') {
      words.push(label(part));
    }
  }
  return words.join(' › ');
}

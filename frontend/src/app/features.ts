import type { Feature, HeaderItem, MenuEntry } from './feature';

// Every folder under src/features that has a `feature.tsx` takes part: read them rather than list
// them (the same rule as the lint config's feature list), so a new feature registers itself.
const modules = import.meta.glob<{ feature: Feature }>('../features/*/feature.tsx', { eager: true });

/** The features in a stable order (by folder name); menu order comes from each entry's `order`. */
export const FEATURES: readonly Feature[] = Object.keys(modules)
  .sort()
  .map((path) => modules[path].feature);

export const MENU: readonly MenuEntry[] = FEATURES.flatMap((f) => f.menu ?? []).sort((a, b) => a.order - b.order);

/** The features' controls of the signed-in header, in their order. */
export const HEADER: readonly HeaderItem[] = FEATURES.flatMap((f) => f.header ?? []).sort((a, b) => a.order - b.order);

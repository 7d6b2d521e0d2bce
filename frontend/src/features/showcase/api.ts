import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { geoKeys, showcaseKeys } from '../../api/queryKeys';
import type { BrandLine, Showcase, ShowcaseBrand, ShowcaseHonor } from '../../api/types';
import { BRAND_LINES } from '../../api/types';

/** The public showcase: no login, published data only (the server caches it for a minute). */
export function useShowcase() {
  return useQuery({
    queryKey: showcaseKeys.all,
    queryFn: () => unwrap(api.GET('/api/v1/public/showcase')),
    staleTime: 60_000,
  });
}

/** A published photo, readable without login: usable directly as an image's `src`. */
export function publicPhotoUrl(id: string): string {
  return `/api/v1/public/attachments/${encodeURIComponent(id)}`;
}

/** The three lines always in the plan's order, each with its brands (none when the server lists none). */
export function brandsByLine(showcase: Pick<Showcase, 'lines'>): { line: BrandLine; brands: ShowcaseBrand[] }[] {
  return BRAND_LINES.map((line) => ({ line, brands: showcase.lines.find((l) => l.line === line)?.brands ?? [] }));
}

/** One published selection's selected, as the showcase groups them. */
export interface HonorGroup {
  selection_id: string;
  title: string;
  year: number;
  kind: ShowcaseHonor['kind'];
  honors: ShowcaseHonor[];
}

/** The honors grouped by their selection, in the order the server lists them (newest first). */
export function honorsBySelection(honors: readonly ShowcaseHonor[]): HonorGroup[] {
  const groups: HonorGroup[] = [];
  for (const h of honors) {
    let g = groups.find((x) => x.selection_id === h.selection_id);
    if (!g) {
      g = { selection_id: h.selection_id, title: h.title, year: h.year, kind: h.kind, honors: [] };
      groups.push(g);
    }
    g.honors.push(h);
  }
  return groups;
}

/**
 * Province names for the honors and rankings, when the visitor is signed in: the provinces list
 * needs a login, and the public showcase sends only codes — an anonymous visitor sees no province.
 */
export function usePublicProvinceName(signedIn: boolean): ((code?: string | null) => string) | null {
  const provinces = useQuery({
    queryKey: geoKeys.provinces,
    queryFn: () => unwrap(api.GET('/api/v1/provinces')),
    staleTime: 10 * 60_000,
    enabled: signedIn,
  });
  if (!signedIn || !provinces.data) return null;
  const items = provinces.data.items;
  return (code) => (code ? (items.find((p) => p.code === code)?.name ?? code) : '');
}

import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { showcaseKeys } from '../../api/queryKeys';
import type { BrandLine, Showcase, ShowcaseBrand } from '../../api/types';
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

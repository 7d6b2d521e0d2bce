import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import type { CountyFeature } from './coverageColors';

// The county boundaries of the ten western provinces that hold every key county (DOMAIN.md,
// Maps). 2.4 MB: served from public/geo and fetched when the map is first shown, never bundled.
// No national outline is drawn.
echarts.use([MapChart]);

export const GEO_URL = '/geo/key-provinces-counties.json';
export const MAP_ALL = 'key-provinces';

interface GeoJson {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: CountyFeature & Record<string, unknown>; geometry: unknown }[];
}

let loading: Promise<CountyFeature[]> | null = null;
let collection: GeoJson | null = null;
const registered = new Set<string>();

/** Fetches the boundaries once and registers them; regions are named by county code. */
export function loadKeyProvinces(): Promise<CountyFeature[]> {
  loading ??= fetch(GEO_URL)
    .then((r) => {
      if (!r.ok) throw new Error(`${GEO_URL}: HTTP ${r.status}`);
      return r.json() as Promise<GeoJson>;
    })
    .then((geo) => {
      for (const f of geo.features) f.properties = { ...f.properties, county_name: f.properties.name, name: f.properties.code };
      collection = geo;
      echarts.registerMap(MAP_ALL, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
      registered.add(MAP_ALL);
      return geo.features.map((f) => ({ code: String(f.properties.code), name: String(f.properties.county_name), province_code: String(f.properties.province_code) }));
    })
    .catch((e: unknown) => {
      loading = null;
      throw e;
    });
  return loading;
}

/** The map of one province (registered on first use), so the view zooms to it. */
export function mapFor(province?: string): string {
  if (!province || !collection) return MAP_ALL;
  const name = `${MAP_ALL}-${province}`;
  if (!registered.has(name)) {
    const features = collection.features.filter((f) => f.properties.province_code === province);
    if (features.length === 0) return MAP_ALL;
    echarts.registerMap(name, { type: 'FeatureCollection', features } as unknown as Parameters<typeof echarts.registerMap>[1]);
    registered.add(name);
  }
  return name;
}

import * as echarts from 'echarts/core';
import { LinesChart, ScatterChart } from 'echarts/charts';
import { GeoComponent } from 'echarts/components';
import type { CountyFeature } from './coverageColors';

// The county boundaries of the ten western provinces that hold every key county (DOMAIN.md,
// Maps), and those provinces' outlines and label points drawn over them. 2.4 MB and 80 kB: served
// from public/geo and fetched when the map is first shown, never bundled. No national outline is
// drawn. The counties are the geo component (regions coloured, clickable); the outlines are a
// `lines` series and the names a `scatter` series on it, so they pan and zoom with the counties.
echarts.use([GeoComponent, LinesChart, ScatterChart]);

export const GEO_URL = '/geo/key-provinces-counties.json';
// derived from the national province file by scripts/province-outlines.mjs
export const PROVINCES_URL = '/geo/key-provinces.json';
export const MAP_ALL = 'key-provinces';

interface GeoJson<P> {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: P; geometry: { type: string; coordinates: unknown } }[];
}

/** A province's outline (its rings, each drawn as a line) and where its name goes. */
export interface ProvinceOutline {
  code: string;
  name: string;
  rings: [number, number][][];
  label: [number, number];
}

let loading: Promise<CountyFeature[]> | null = null;
let loadingProvinces: Promise<ProvinceOutline[]> | null = null;
let collection: GeoJson<CountyFeature & Record<string, unknown>> | null = null;
const registered = new Set<string>();

async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

/** A failed fetch is forgotten, so a retry fetches again. */
function once<T>(load: () => Promise<T>, forget: () => void): Promise<T> {
  return load().catch((e: unknown) => {
    forget();
    throw e;
  });
}

/** Fetches the boundaries once and registers them; regions are named by county code. */
export function loadKeyProvinces(): Promise<CountyFeature[]> {
  loading ??= once(
    async () => {
      const geo = await getJson<GeoJson<CountyFeature & Record<string, unknown>>>(GEO_URL);
      for (const f of geo.features) f.properties = { ...f.properties, county_name: f.properties.name, name: f.properties.code };
      collection = geo;
      echarts.registerMap(MAP_ALL, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
      registered.add(MAP_ALL);
      return geo.features.map((f) => ({ code: String(f.properties.code), name: String(f.properties.county_name), province_code: String(f.properties.province_code) }));
    },
    () => (loading = null),
  );
  return loading;
}

/** Fetches the provinces' outlines once; the label is the short name (四川, 内蒙古). */
export function loadProvinceOutlines(): Promise<ProvinceOutline[]> {
  loadingProvinces ??= once(
    async () => {
      const geo = await getJson<GeoJson<{ code: string; short_name: string; label: [number, number] }>>(PROVINCES_URL);
      return geo.features.map((f) => ({
        code: f.properties.code,
        name: f.properties.short_name,
        rings: (f.geometry.coordinates as [number, number][][][]).flat(),
        label: f.properties.label,
      }));
    },
    () => (loadingProvinces = null),
  );
  return loadingProvinces;
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

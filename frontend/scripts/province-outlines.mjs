// Derives public/geo/key-provinces.json — the outlines and label points of the ten western
// provinces that hold the key counties — from the national province file (china-provinces.json,
// see reference-data/SOURCES.md). The coverage map draws it as a second layer over the counties.
//
//   node scripts/province-outlines.mjs /work/shared/data/geo/china-provinces.json
//
// The source is 1.2 MB for all provinces; the map only needs thin outlines, so each ring is
// simplified (Douglas–Peucker, TOLERANCE degrees) and rounded to PRECISION decimals, and parts
// that collapse are dropped. Plain Node, no dependencies, so the next engineer can rerun it.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const WESTERN = ['150000', '450000', '500000', '510000', '520000', '530000', '610000', '620000', '630000', '640000'];
const TOLERANCE = 0.02; // about 2 km: a pixel or two at the one-province zoom
const PRECISION = 3;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/province-outlines.mjs <china-provinces.json>');
  process.exit(2);
}
const out = resolve(root, 'public/geo/key-provinces.json');

// short names (四川, 内蒙古) label the map; reference-data/provinces.csv has them
const shortNames = new Map(
  readFileSync(resolve(root, '../reference-data/provinces.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map(([code, , , short]) => [code, short]),
);

function simplify(ring) {
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack = [[0, ring.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = ring[a];
    const [bx, by] = ring[b];
    const len = Math.hypot(bx - ax, by - ay);
    let far = -1;
    let max = TOLERANCE;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = ring[i];
      const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / len;
      if (d > max) [far, max] = [i, d];
    }
    if (far >= 0) {
      keep[far] = 1;
      stack.push([a, far], [far, b]);
    }
  }
  const f = 10 ** PRECISION;
  const points = ring.filter((_, i) => keep[i]).map(([x, y]) => [Math.round(x * f) / f, Math.round(y * f) / f]);
  return points.filter((p, i) => i === 0 || p[0] !== points[i - 1][0] || p[1] !== points[i - 1][1]);
}

function area(ring) {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return Math.abs(s) / 2;
}

function inside([x, y], ring) {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function edgeDistance([x, y], ring) {
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[i + 1];
    const l2 = (bx - ax) ** 2 + (by - ay) ** 2;
    const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / l2));
    best = Math.min(best, Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)));
  }
  return best;
}

function centroid(ring) {
  let [cx, cy, a] = [0, 0, 0];
  for (let i = 0; i + 1 < ring.length; i++) {
    const cross = ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    [cx, cy, a] = [cx + (ring[i][0] + ring[i + 1][0]) * cross, cy + (ring[i][1] + ring[i + 1][1]) * cross, a + cross];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * Where the name goes: in the largest part, the point nearest its centroid among those at least
 * half as far from the edge as the deepest point (a grid search). A bare centroid falls outside
 * or on the edge of bent provinces (内蒙古, 甘肃); the bare deepest point sits in a far corner.
 */
function labelPoint(ring) {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const n = 60;
  const candidates = [];
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= n; j++) {
      const p = [x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * j) / n];
      if (inside(p, ring)) candidates.push({ p, d: edgeDistance(p, ring) });
    }
  }
  const deepest = Math.max(...candidates.map((c) => c.d));
  const [cx, cy] = centroid(ring);
  const best = candidates
    .filter((c) => c.d >= deepest / 2)
    .reduce((a, b) => (Math.hypot(b.p[0] - cx, b.p[1] - cy) < Math.hypot(a.p[0] - cx, a.p[1] - cy) ? b : a));
  return best.p.map((v) => Math.round(v * 100) / 100);
}

const geo = JSON.parse(readFileSync(source, 'utf8'));
const features = WESTERN.map((code) => {
  const f = geo.features.find((g) => String(g.properties.code) === code);
  if (!f) throw new Error(`${code} is not in ${source}`);
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const parts = polygons
    .map((rings) => rings.map(simplify).filter((r) => r.length >= 4))
    .filter((rings) => rings.length > 0 && area(rings[0]) > TOLERANCE ** 2 * 4);
  const largest = parts.reduce((a, b) => (area(b[0]) > area(a[0]) ? b : a));
  return {
    type: 'Feature',
    properties: { code, name: f.properties.name, short_name: shortNames.get(code), label: labelPoint(largest[0]) },
    geometry: { type: 'MultiPolygon', coordinates: parts },
  };
});
writeFileSync(out, JSON.stringify({ type: 'FeatureCollection', features }));
const points = features.reduce((s, f) => s + f.geometry.coordinates.flat(2).length, 0);
console.log(`${out}: ${features.length} provinces, ${points} points`);

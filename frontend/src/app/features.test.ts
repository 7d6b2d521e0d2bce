import { describe, expect, it } from 'vitest';
import { FEATURES, MENU } from './features';

describe('feature registration', () => {
  it('collects a feature.tsx from every feature folder', () => {
    // the folders, by the files in them (not loaded: the keys are enough)
    const folders = new Set(Object.keys(import.meta.glob('../features/*/*')).map((p) => p.split('/')[2]));
    expect(folders.size).toBeGreaterThanOrEqual(14);
    expect(FEATURES).toHaveLength(folders.size);
  });

  it('gives each menu entry its own key and order, and a route it opens', () => {
    const keys = MENU.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(MENU.map((m) => m.order)).size).toBe(MENU.length);
    // the index route (the home dashboard) is `/`
    const paths = new Set(FEATURES.flatMap((f) => f.routes ?? []).map((r) => (r.index ? '/' : `/${r.path}`)));
    for (const m of MENU) expect(paths, m.key).toContain(m.path);
  });

  it('gives `/` to the home dashboard alone', () => {
    expect(FEATURES.flatMap((f) => f.routes ?? []).filter((r) => r.index)).toHaveLength(1);
    expect(MENU[0]).toMatchObject({ key: 'home', path: '/', labelKey: 'home.menu' });
  });

  it('keeps the menu in the order the features ask for', () => {
    expect(MENU.map((m) => m.key)).toEqual([
      'home', 'provinces', 'counties', 'key-counties', 'statistics', 'coverage', 'organizations', 'pairings', 'needs', 'projects', 'incidents', 'risks',
      'brands', 'campaigns', 'trainings', 'year-end-reports', 'year-end-board', 'case-collections', 'cases', 'evaluation-frameworks', 'evaluation-rounds', 'selections', 'scoring', 'scoring-ties', 'users', 'api-tokens', 'webhooks', 'audit',
    ]);
  });
});

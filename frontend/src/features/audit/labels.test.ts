import { describe, expect, it } from 'vitest';
import { entityName, entityPath, jsonLines, termLabel } from './labels';

const terms = [{ code: 'project.transition', zh: '项目状态变更', en: 'Project status changed' }];

describe('audit labels', () => {
  it('labels a code in the UI language and leaves unknown codes alone', () => {
    expect(termLabel(terms, 'project.transition', 'zh-CN')).toBe('项目状态变更');
    expect(termLabel(terms, 'project.transition', 'en')).toBe('Project status changed');
    expect(termLabel(terms, 'something.new', 'zh-CN')).toBe('something.new');
    expect(termLabel(undefined, 'project.transition', 'zh-CN')).toBe('project.transition');
  });

  it('opens each object on its own page, or its parent’s', () => {
    const e = (entity_type: string, after: unknown = null, before: unknown = null) => ({ entity_type, entity_id: 'ID 1', before, after });
    expect(entityPath(e('project'))).toBe('/projects/ID%201');
    expect(entityPath(e('pairing'))).toBe('/pairings/ID%201');
    expect(entityPath(e('county'))).toBe('/counties/ID%201');
    expect(entityPath(e('offer', { organization_id: 'org-1' }))).toBe('/organizations/org-1');
    expect(entityPath(e('docking_event', null, { campaign_id: 'c-1' }))).toBe('/campaigns/c-1');
    expect(entityPath(e('user', { username: 'sc-officer' }))).toBe('/users?q=sc-officer');
    expect(entityPath(e('api_token'))).toBe('/api-tokens');
    expect(entityPath(e('offer'))).toBeUndefined();
    expect(entityPath(e('unknown'))).toBeUndefined();
  });

  it('names the object from its snapshots, what it became first', () => {
    expect(entityName({ before: { title: '旧' }, after: { title: '新' } })).toBe('新');
    expect(entityName({ before: { name: '品牌' }, after: null })).toBe('品牌');
    expect(entityName({ before: 'signed', after: { status: 'landed' } })).toBeUndefined();
  });

  it('marks the JSON lines of changed fields, nested values included', () => {
    const lines = jsonLines({ name: 'x', scope: { p: '510000' }, v: 2 }, new Set(['scope']));
    expect(lines.filter((l) => l.changed).map((l) => l.text.trim())).toEqual(['"scope": {', '"p": "510000"', '},']);
    expect(lines[0]).toEqual({ text: '{', changed: false });
  });
});

import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { actionLabelKey, changedFields, entityTypeLabelKey, jsonLines } from './labels';

describe('audit labels', () => {
  it('names the known actions in Chinese and leaves others alone', () => {
    const t = i18n.getFixedT('zh-CN');
    expect(t(actionLabelKey('api_token.create')!)).toBe('签发令牌');
    expect(t(actionLabelKey('api_token.revoke')!)).toBe('吊销令牌');
    expect(t(actionLabelKey('county.key_county_import')!)).toBe('导入重点帮扶县');
    expect(actionLabelKey('something.new')).toBeUndefined();
    expect(t(entityTypeLabelKey('key_county_list')!)).toBe('重点帮扶县名单');
    expect(entityTypeLabelKey('import')).toBeUndefined();
  });

  it('lists the changed top-level fields', () => {
    expect(changedFields({ a: 1, b: { c: 2 }, v: 1 }, { a: 1, b: { c: 3 }, v: 2 })).toEqual(['b', 'v']);
    expect(changedFields({ a: 1 }, { b: 1 })).toEqual(['a', 'b']);
    expect(changedFields(null, { name: 'x', role: 'viewer' })).toEqual([]);
    expect(changedFields(undefined, undefined)).toEqual([]);
  });

  it('marks the JSON lines of changed fields, nested values included', () => {
    const lines = jsonLines({ name: 'x', scope: { p: '510000' }, v: 2 }, new Set(['scope']));
    expect(lines.filter((l) => l.changed).map((l) => l.text.trim())).toEqual(['"scope": {', '"p": "510000"', '},']);
    expect(lines[0]).toEqual({ text: '{', changed: false });
  });
});

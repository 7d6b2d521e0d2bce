import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN';
import en from './en';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function placeholders(s: string): string[] {
  return [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
}

function lookup(obj: object, path: string): string {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
}

describe('i18n resources', () => {
  it('have the same keys in zh-CN and en', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('have no empty strings and the same placeholders', () => {
    for (const k of keys(zhCN)) {
      expect(lookup(zhCN, k), k).not.toBe('');
      expect(lookup(en, k), k).not.toBe('');
      expect(placeholders(lookup(en, k)), k).toEqual(placeholders(lookup(zhCN, k)));
    }
  });

  it('use the plan’s words for roles', () => {
    expect(zhCN.role.national_admin).toBe('国家级管理员');
    expect(zhCN.role.county_officer).toBe('县级工作人员');
    expect(zhCN.menu.keyCounties).toBe('重点帮扶县');
  });
});

import { describe, expect, it } from 'vitest';
import { ROLES } from '../api/types';
import type { MenuEntry } from './feature';
import { menuFor, menuLines, selectedKey } from './menu';

const entry = (key: string, order: number, group?: string): MenuEntry => ({
  key,
  path: `/${key}`,
  labelKey: key,
  icon: null,
  visible: () => true,
  order,
  group: group ? { key: group, labelKey: group, icon: null } : undefined,
});

describe('menu groups', () => {
  it('gather a group’s entries into one submenu at the place of its first entry', () => {
    const lines = menuLines([entry('a', 1), entry('f', 2, 'g'), entry('b', 3), entry('r', 4, 'g')]);
    expect(lines.map((l) => ('group' in l ? `${l.group.key}:${l.entries.map((e) => e.key).join('+')}` : l.entry.key))).toEqual(['a', 'g:f+r', 'b']);
  });

  it('show 评估评价 to national admins only, after the cases', () => {
    for (const role of ROLES) {
      const lines = menuLines(menuFor(role));
      const group = lines.find((l) => 'group' in l && l.group.key === 'evaluation');
      if (role === 'national_admin') {
        expect(group && 'group' in group ? group.entries.map((e) => e.key) : []).toEqual(['evaluation-frameworks', 'evaluation-rounds']);
        const keys = lines.map((l) => ('group' in l ? l.group.key : l.entry.key));
        expect(keys.indexOf('evaluation')).toBe(keys.indexOf('cases') + 1);
      } else {
        expect(group, role).toBeUndefined();
      }
    }
  });

  it('show 风险防范 after the projects: 事件处置 to those following incidents, 风险研判 to the coordinators', () => {
    const expected: Record<string, string[]> = {
      national_admin: ['incidents', 'risks'],
      provincial_officer: ['incidents', 'risks'],
      county_officer: ['incidents', 'risks'],
      org_member: ['incidents'],
    };
    for (const role of ROLES) {
      const lines = menuLines(menuFor(role));
      const group = lines.find((l) => 'group' in l && l.group.key === 'risk');
      expect(group && 'group' in group ? group.entries.map((e) => e.key) : [], role).toEqual(expected[role] ?? []);
      if (group) {
        const keys = lines.map((l) => ('group' in l ? l.group.key : l.entry.key));
        expect(keys.indexOf('risk'), role).toBe(keys.indexOf('projects') + 1);
      }
    }
  });

  it('select 事件处置 on an incident, 风险研判 on the risk view', () => {
    expect(selectedKey('/incidents/i1')).toBe('incidents');
    expect(selectedKey('/risks')).toBe('risks');
  });

  it('select the entry of an evaluation page', () => {
    expect(selectedKey('/evaluation/frameworks/new')).toBe('evaluation-frameworks');
    expect(selectedKey('/evaluation/rounds/r1/results/s1')).toBe('evaluation-rounds');
  });
});

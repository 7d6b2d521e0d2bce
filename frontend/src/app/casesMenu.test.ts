import { describe, expect, it } from 'vitest';
import { ROLES } from '../api/types';
import { menuFor, selectedKey } from './menu';

describe('the cases’ menu entries', () => {
  it('shows 案例征集 and 典型案例 to every role', () => {
    for (const role of ROLES) {
      expect(menuFor(role).map((m) => m.key)).toEqual(expect.arrayContaining(['case-collections', 'cases']));
    }
  });

  it('selects 典型案例 on a case, its form and the review queue', () => {
    expect(selectedKey('/cases/review')).toBe('cases');
    expect(selectedKey('/cases/new')).toBe('cases');
    expect(selectedKey('/cases/abc/edit')).toBe('cases');
    expect(selectedKey('/case-collections')).toBe('case-collections');
  });
});

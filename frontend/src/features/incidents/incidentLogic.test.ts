import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { isOpen, mayEdit, orderedMoves, reasonRequired, transitionKey } from './incidentLogic';

const zh = i18n.getFixedT('zh-CN');

describe('an incident’s moves', () => {
  it('need a reason to reopen and to close an unfounded report', () => {
    expect(reasonRequired('resolved', 'handling')).toBe(true);
    expect(reasonRequired('reported', 'closed')).toBe(true);
    expect(reasonRequired('reported', 'handling')).toBe(false);
    expect(reasonRequired('handling', 'resolved')).toBe(false);
    expect(reasonRequired('resolved', 'closed')).toBe(false);
  });

  it('are named for what they do', () => {
    expect(zh(transitionKey('reported', 'handling'))).toBe('受理处置');
    expect(zh(transitionKey('handling', 'resolved'))).toBe('处置完毕');
    expect(zh(transitionKey('resolved', 'closed'))).toBe('结案');
    expect(zh(transitionKey('resolved', 'handling'))).toBe('重新处置');
    expect(zh(transitionKey('reported', 'closed'))).toBe('核实不实，结案');
  });

  it('come forward first, those with a reason last', () => {
    expect(orderedMoves('reported', ['closed', 'handling'])).toEqual(['handling', 'closed']);
    expect(orderedMoves('resolved', ['handling', 'closed'])).toEqual(['closed', 'handling']);
    expect(orderedMoves('closed', [])).toEqual([]);
  });
});

describe('who corrects an incident', () => {
  it('is whoever handles it while open, and the reporting organization before it is taken up', () => {
    expect(mayEdit('county_officer', { status: 'handling', may_act: true })).toBe(true);
    expect(mayEdit('county_officer', { status: 'resolved', may_act: true })).toBe(false);
    expect(mayEdit('provincial_officer', { status: 'reported', may_act: false })).toBe(false);
    expect(mayEdit('org_member', { status: 'reported', may_act: false })).toBe(true);
    expect(mayEdit('org_member', { status: 'handling', may_act: false })).toBe(false);
  });

  it('counts reported and handling as open', () => {
    expect((['reported', 'handling', 'resolved', 'closed'] as const).filter(isOpen)).toEqual(['reported', 'handling']);
  });
});

describe('the incidents’ words', () => {
  it('use the official emergency grading and the plan’s statuses', () => {
    expect(['low', 'medium', 'high', 'critical'].map((s) => zh(`incidents.severity.${s}`))).toEqual(['一般', '较大', '重大', '特别重大']);
    expect(['reported', 'handling', 'resolved', 'closed'].map((s) => zh(`incidents.status.${s}`))).toEqual(['已报告', '处置中', '已处置', '已结案']);
    expect(zh('incidents.kind.fraud_impersonation')).toBe('冒用名义诈骗');
  });
});

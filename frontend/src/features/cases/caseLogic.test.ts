import { describe, expect, it } from 'vitest';
import { caseKeys, collectionKeys } from '../../api/queryKeys';
import { ROLES, type Case, type CaseCollection, type CaseEvent } from '../../api/types';
import { canManageCaseCollections, canReviewCases, canWriteCases } from '../../session/roles';
import {
  caseReasonRequired,
  caseTransitionKey,
  collectionReasonRequired,
  isPastDeadline,
  openCollections,
  orderedMoves,
  returnReason,
  reviewActions,
  todayIso,
} from './caseLogic';

const ev = (to: string, reason = '', from: string | null = 'submitted'): CaseEvent => ({
  at: '2025-06-01T08:00:00Z',
  actor: 'a',
  from_status: from,
  to_status: to,
  reason,
});

describe('who does what with cases', () => {
  it('lets national admins alone run collections', () => {
    expect(ROLES.filter(canManageCaseCollections)).toEqual(['national_admin']);
  });

  it('lets organization members and coordinators write cases, coordinators review them', () => {
    expect(ROLES.filter(canWriteCases)).toEqual(['national_admin', 'provincial_officer', 'org_member']);
    expect(ROLES.filter(canReviewCases)).toEqual(['national_admin', 'provincial_officer']);
  });

  it('shows a reviewer only the review moves the server allows, forward first and 退回 last', () => {
    // a provincial officer on a submitted case: 入围 and 退回
    expect(reviewActions({ allowed_transitions: ['returned', 'shortlisted'] })).toEqual(['shortlisted', 'returned']);
    // a national admin on a shortlisted case: 评为典型 and 退回
    expect(reviewActions({ allowed_transitions: ['returned', 'typical'] })).toEqual(['typical', 'returned']);
    // a provincial officer on a shortlisted case: only 退回
    expect(reviewActions({ allowed_transitions: ['returned'] })).toEqual(['returned']);
    // an organization's own 提交 is never a review action
    expect(reviewActions({ allowed_transitions: ['submitted'] })).toEqual([]);
    expect(orderedMoves(['returned', 'typical', 'submitted'])).toEqual(['submitted', 'typical', 'returned']);
  });

  it('asks a reason to return a case and to reopen a collection, and for nothing else', () => {
    expect(caseReasonRequired('returned')).toBe(true);
    expect(['submitted', 'shortlisted', 'typical'].some((s) => caseReasonRequired(s as Case['status']))).toBe(false);
    expect(collectionReasonRequired('closed', 'open')).toBe(true);
    expect(collectionReasonRequired('open', 'closed')).toBe(false);
    expect(collectionReasonRequired('closed', 'published')).toBe(false);
  });

  it('labels a submission after a return as 重新提交', () => {
    expect(caseTransitionKey('draft', 'submitted')).toBe('cases.transition.submitted');
    expect(caseTransitionKey('returned', 'submitted')).toBe('cases.transition.resubmitted');
    expect(caseTransitionKey('submitted', 'shortlisted')).toBe('cases.transition.shortlisted');
  });
});

describe('a case’s state', () => {
  it('reads the reason of the last return while the case is returned', () => {
    const history = [ev('draft', '', null), ev('submitted', '', 'draft'), ev('returned', '照片含个人信息'), ev('submitted', '', 'returned'), ev('returned', '成效缺数据')];
    expect(returnReason({ status: 'returned', history })).toBe('成效缺数据');
    expect(returnReason({ status: 'submitted', history })).toBeNull();
  });

  it('offers only open collections, and tells a passed deadline (its last day still counts)', () => {
    const c = (status: CaseCollection['status']) => ({ status }) as CaseCollection;
    expect(openCollections([c('open'), c('closed'), c('published')]).map((x) => x.status)).toEqual(['open']);
    expect(isPastDeadline('2021-06-30', '2021-06-30')).toBe(false);
    expect(isPastDeadline('2021-06-30', '2021-07-01')).toBe(true);
    expect(todayIso(new Date(2025, 0, 5))).toBe('2025-01-05');
  });

  it('keeps every read of cases and collections under its family', () => {
    expect(caseKeys.detail('c1').slice(0, 1)).toEqual(caseKeys.all);
    expect(caseKeys.list({ status: 'typical' }).slice(0, 1)).toEqual(caseKeys.all);
    expect(collectionKeys.detail('k1').slice(0, 1)).toEqual(collectionKeys.all);
    expect(collectionKeys.list.slice(0, 1)).toEqual(collectionKeys.all);
    // the form's brand reads live with the brands, so brand writes refresh them
    expect(caseKeys.brandOptions('o1')[0]).toBe('brands');
    expect(caseKeys.brandName('b1')[0]).toBe('brands');
  });
});

import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { NOTICE_KINDS, type Notice, type NoticeKind } from '../../api/types';
import { noticeLabel, noticeLink, noticeText } from './notices';

function notice(kind: NoticeKind, over: Partial<Notice> = {}): Notice {
  return { id: 1, kind, entity_type: 'x', entity_id: 'e1', subject: '甲', amount: 0, created_at: '2026-12-08T00:00:00Z', read_at: null, ...over };
}

const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en');

describe('a notification’s sentence and link', () => {
  // kind → [subject, amount, label, sentence, link]
  const expected: Record<NoticeKind, [string, number, string, string, string]> = {
    pairing_to_answer: ['昭觉县', 0, '待答复结对', '与昭觉县的结对帮扶邀请了贵组织，请答复是否参加', '/pairings/e1'],
    pairing_to_confirm: ['乡村振兴基金会', 0, '待确认结对', '社会组织“乡村振兴基金会”申请或被推荐与本县结对帮扶，请确认', '/pairings/e1'],
    landing_to_confirm: ['乡村学校图书角', 0, '待确认落地', '项目“乡村学校图书角”已申报落地，请核实后确认', '/projects/e1'],
    assignment_to_score: ['2026 年度评估', 0, '待评分', '评估轮次“2026 年度评估”有分配给您的评审对象，请评分', '/scoring'],
    case_to_review: ['花椒产业', 0, '待审核案例', '案例“花椒产业”已提交，请审核', '/cases/e1'],
    case_returned: ['花椒产业', 0, '案例被退回', '案例“花椒产业”被退回，请按意见修改后重新提交', '/cases/e1'],
    projects_stale: ['乡村振兴基金会', 3, '项目停滞', '“乡村振兴基金会”有 3 个进行中的项目超过 90 天未更新进展', '/projects?organization=e1&stale=true'],
    deadline_soon: ['花椒产业', 5, '征集即将截止', '案例“花椒产业”尚未提交，所在征集还有 5 天截止', '/cases/e1'],
    incident_urgent: ['村小食堂食物中毒', 0, '重大事件', '发生重大事件“村小食堂食物中毒”，请及时关注处置', '/incidents/e1'],
    report_to_sign: ['四川省 2026 年度报告', 0, '年度报告待签署', '“四川省 2026 年度报告”待本部门签署，签署后方可报送', '/year-end-reports/e1'],
    report_returned: ['四川省 2026 年度报告', 0, '年度报告被退回', '“四川省 2026 年度报告”被退回，请按意见修改，双方签署后重新报送', '/year-end-reports/e1'],
    report_due: ['四川省 2026 年度报告', 0, '催报年度报告', '请尽快撰写并报送“四川省 2026 年度报告”', '/year-end-reports'],
    webhook_disabled: ['四川省统计系统', 0, 'Webhook 已停用', 'Webhook 订阅“四川省统计系统”连续投递失败，已自动停用，请检查接收端后重新启用', '/webhooks?open=e1'],
  };

  it.each(NOTICE_KINDS.map((k) => [k, ...expected[k]] as const))('%s', (kind, subject, amount, label, sentence, link) => {
    const n = notice(kind, { subject, amount });
    expect(noticeLabel(kind, zh)).toBe(label);
    expect(noticeText(n, zh)).toBe(sentence);
    expect(noticeLink(n)).toBe(link);
    // English has a sentence of its own for each kind, with the same subject
    expect(noticeText(n, en)).toContain(subject);
    expect(noticeText(n, en)).not.toMatch(/notifications\./);
  });

  it('says a collection closing today as such', () => {
    expect(noticeText(notice('deadline_soon', { subject: '花椒产业', amount: 0 }), zh)).toBe('案例“花椒产业”尚未提交，所在征集今天截止');
    expect(noticeText(notice('deadline_soon', { subject: 'Pepper', amount: 2 }), en)).toBe('Case “Pepper” is not submitted yet; its collection closes in 2 day(s)');
  });

  it('leads a reminder of a year (`<year>:<province>`) to the reports of that year', () => {
    expect(noticeLink(notice('report_due', { entity_type: 'year_end_year', entity_id: '2026:510000' }))).toBe('/year-end-reports?year=2026');
    expect(noticeLink(notice('report_returned', { entity_type: 'year_end_report', entity_id: 'r1' }))).toBe('/year-end-reports/r1');
  });

  it('keeps an id that is not URL-safe inside its path', () => {
    expect(noticeLink(notice('case_returned', { entity_id: 'a/b?c' }))).toBe('/cases/a%2Fb%3Fc');
  });
});

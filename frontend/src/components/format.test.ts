import { describe, expect, it } from 'vitest';
import { formatAgo, formatRate } from './format';

describe('formatRate', () => {
  it('formats ratios as percentages with one decimal', () => {
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
  });
});

describe('formatAgo', () => {
  const now = Date.parse('2026-12-08T12:00:00Z');
  const before = (ms: number) => new Date(now - ms).toISOString();

  it('says how long ago, in the reader’s language, and the date from a week back', () => {
    expect(formatAgo(before(30_000), 'zh-CN', now)).toBeNull();
    expect(formatAgo(before(5 * 60_000), 'zh-CN', now)).toBe('5分钟前');
    expect(formatAgo(before(5 * 60_000), 'en', now)).toBe('5 minutes ago');
    expect(formatAgo(before(3 * 3_600_000), 'zh-CN', now)).toBe('3小时前');
    expect(formatAgo(before(24 * 3_600_000), 'zh-CN', now)).toBe('昨天');
    expect(formatAgo(before(10 * 24 * 3_600_000), 'zh-CN', now)).toBe('2026/11/28');
  });
});

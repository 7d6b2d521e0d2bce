import { describe, expect, it } from 'vitest';
import { formatRate } from './format';

describe('formatRate', () => {
  it('formats ratios as percentages with one decimal', () => {
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
  });
});

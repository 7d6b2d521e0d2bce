import { describe, expect, it } from 'vitest';
import { needMoves, PART_MAX, signedPoints } from './needStatus';

describe('need moves and score parts', () => {
  it('follows open → matched → closed, with matched back to open', () => {
    expect(needMoves('open')).toEqual(['matched']);
    expect(needMoves('matched')).toEqual(['closed', 'open']);
    expect(needMoves('closed')).toEqual([]);
  });

  it('signs points and caps add up to the documented 95', () => {
    expect(signedPoints(40)).toBe('+40');
    expect(signedPoints(0)).toBe('0');
    expect(signedPoints(-6)).toBe('−6');
    expect(Object.values(PART_MAX).reduce((a, b) => a + b, 0)).toBe(95);
  });
});

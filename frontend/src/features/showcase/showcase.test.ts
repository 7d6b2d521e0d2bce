import { describe, expect, it } from 'vitest';
import type { ShowcaseBrand } from '../../api/types';
import { brandsByLine, publicPhotoUrl } from './api';

describe('the showcase', () => {
  it('shows the three lines in the plan’s order, empty ones too', () => {
    const b = { id: 'b1', name: '银龄互助' } as ShowcaseBrand;
    const lines = brandsByLine({ lines: [{ line: 'governance', brands: [b] }, { line: 'development', brands: [] }] });
    expect(lines.map((l) => l.line)).toEqual(['development', 'construction', 'governance']);
    expect(lines[1].brands).toEqual([]);
    expect(lines[2].brands).toEqual([b]);
  });

  it('reads photos from the public attachment route', () => {
    expect(publicPhotoUrl('a/1')).toBe('/api/v1/public/attachments/a%2F1');
  });
});

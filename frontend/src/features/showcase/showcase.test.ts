import { describe, expect, it } from 'vitest';
import type { ShowcaseBrand, ShowcaseHonor } from '../../api/types';
import { brandsByLine, honorsBySelection, publicPhotoUrl } from './api';

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

describe('the showcase’s honors', () => {
  it('groups the selected by selection, in the server’s order', () => {
    const honor = (selection_id: string, subject_id: string): ShowcaseHonor => ({
      selection_id,
      title: `${selection_id} 年度优秀社会组织`,
      year: 2025,
      kind: 'outstanding_organization',
      subject_id,
      subject_name: subject_id,
      province_code: '510000',
    });
    const groups = honorsBySelection([honor('s2', 'a'), honor('s1', 'b'), honor('s2', 'c')]);
    expect(groups.map((g) => g.selection_id)).toEqual(['s2', 's1']);
    expect(groups[0].honors.map((h) => h.subject_id)).toEqual(['a', 'c']);
  });
});

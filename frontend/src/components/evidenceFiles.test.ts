import { describe, expect, it } from 'vitest';
import { evidenceProblem, formatBytes, isImage, MAX_EVIDENCE_BYTES } from './evidenceFiles';

describe('evidence files', () => {
  it('takes JPEG, PNG, WebP and PDF up to 5 MiB, as the server does', () => {
    expect(evidenceProblem({ type: 'image/png', size: 1200 })).toBeNull();
    expect(evidenceProblem({ type: 'application/pdf', size: MAX_EVIDENCE_BYTES })).toBeNull();
    expect(evidenceProblem({ type: 'image/webp', size: MAX_EVIDENCE_BYTES + 1 })).toBe('tooLarge');
    expect(evidenceProblem({ type: 'image/gif', size: 10 })).toBe('badType');
    expect(evidenceProblem({ type: '', size: 10 })).toBe('badType');
  });

  it('shows images as thumbnails and sizes in readable units', () => {
    expect(isImage('image/jpeg')).toBe(true);
    expect(isImage('application/pdf')).toBe(false);
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});

// What the server keeps as evidence (backend attachments.rs): JPEG, PNG, WebP and PDF, at most
// 5 MiB a file. Checked here too so a person hears at once, but the server decides by the bytes.

export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
/** For the file dialog: the types, and their extensions for systems that only know those. */
export const EVIDENCE_ACCEPT = [...EVIDENCE_TYPES, '.jpg', '.jpeg', '.png', '.webp', '.pdf'].join(',');
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

/** Why a file would be refused before it is sent, or null when it may go. */
export function evidenceProblem(file: { type: string; size: number }): 'badType' | 'tooLarge' | null {
  if (!(EVIDENCE_TYPES as readonly string[]).includes(file.type)) return 'badType';
  if (file.size > MAX_EVIDENCE_BYTES) return 'tooLarge';
  return null;
}

/** Shown as a thumbnail (an image) or as a file row (a PDF). */
export function isImage(contentType: string): boolean {
  return contentType.startsWith('image/');
}

/** 512 → "512 B", 2048 → "2.0 KB", 5 MiB → "5.0 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

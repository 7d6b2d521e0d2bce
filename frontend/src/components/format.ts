import { useTranslation } from 'react-i18next';

/** A timestamp in the reader's time zone and language, e.g. 2025/11/29 10:28:05. */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(d);
}

export function useFormatDateTime(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation();
  return (iso) => formatDateTime(iso, i18n.language);
}

/** A ratio as a percentage with one decimal: 0.6667 → "66.7%"; 1 → "100%"; 0 → "0%". */
export function formatRate(rate: number | null | undefined): string {
  if (rate == null || !Number.isFinite(rate)) return '—';
  const pct = Math.round(rate * 1000) / 10;
  return `${pct}%`;
}

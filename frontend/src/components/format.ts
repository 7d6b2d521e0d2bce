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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago a moment was, in the reader's language (3 分钟前, 昨天, 5 days ago); `null` for less
 * than a minute (the caller says 刚刚), and the date itself (2025/11/29) from a week back.
 */
export function formatAgo(iso: string, language: string, now: number = Date.now()): string | null {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return iso;
  const ago = Math.max(0, now - at);
  if (ago < MINUTE) return null;
  const locale = language === 'en' ? 'en' : 'zh-CN';
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (ago < HOUR) return rtf.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return rtf.format(-Math.floor(ago / HOUR), 'hour');
  if (ago < 7 * DAY) return rtf.format(-Math.floor(ago / DAY), 'day');
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A ratio as a percentage with one decimal: 0.6667 → "66.7%"; 1 → "100%"; 0 → "0%". */
export function formatRate(rate: number | null | undefined): string {
  if (rate == null || !Number.isFinite(rate)) return '—';
  const pct = Math.round(rate * 1000) / 10;
  return `${pct}%`;
}

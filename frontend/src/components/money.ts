import { useTranslation } from 'react-i18next';

// Money travels as a decimal string in yuan ("1250000.00"). It is formatted and parsed as text,
// never through a float, so no fen is lost on large sums.

const MONEY = /^(\d+)(?:\.(\d{1,2}))?$/;

/** "1250000.5" → "1,250,000.50"; anything unreadable is returned as it came. */
export function formatMoney(amount: string | null | undefined): string {
  if (amount == null || amount === '') return '';
  const m = MONEY.exec(amount.trim());
  if (!m) return amount;
  const whole = m[1].replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (m[2] ?? '').padEnd(2, '0');
  return `${whole}.${fraction}`;
}

/**
 * What a person typed, in yuan ("1,250,000", "１２０万" is not accepted, "3000.5", " 42 ") →
 * the contract's decimal string ("1250000.00"), or null when it is not an amount.
 */
export function parseMoney(input: string | null | undefined): string | null {
  if (input == null) return null;
  const cleaned = input.replace(/[,，\s]/g, '').replace(/元$/, '');
  if (cleaned === '') return null;
  const m = MONEY.exec(cleaned);
  if (!m) return null;
  const whole = m[1].replace(/^0+(?=\d)/, '');
  return `${whole}.${(m[2] ?? '').padEnd(2, '0')}`;
}

/** "1,250,000.00 元" (zh-CN) / "1,250,000.00 yuan" (en). */
export function useFormatMoney(): (amount: string | null | undefined) => string {
  const { t } = useTranslation();
  return (amount) => (amount == null || amount === '' ? '—' : t('money.yuan', { amount: formatMoney(amount) }));
}

/**
 * A large total read at a glance (the showcase, a dossier's headline): 万元 / 亿元 in Chinese,
 * million / billion yuan in English, at most two decimals; smaller sums in full. For display only.
 */
export function formatMoneyCompact(amount: string | null | undefined, language: string): string {
  const n = Number(amount);
  if (amount == null || amount === '' || !Number.isFinite(n)) return '—';
  const short = (value: number) => String(Math.round(value * 100) / 100);
  if (language === 'en') {
    if (n >= 1e9) return `${short(n / 1e9)} billion yuan`;
    if (n >= 1e6) return `${short(n / 1e6)} million yuan`;
    return `${formatMoney(amount)} yuan`;
  }
  if (n >= 1e8) return `${short(n / 1e8)} 亿元`;
  if (n >= 1e4) return `${short(n / 1e4)} 万元`;
  return `${formatMoney(amount)} 元`;
}

export function useFormatMoneyCompact(): (amount: string | null | undefined) => string {
  const { i18n } = useTranslation();
  return (amount) => formatMoneyCompact(amount, i18n.language);
}

/** A chart's money unit, chosen by the largest value it shows: 元, 万元 or 亿元 (yuan, 10⁴, 10⁸). */
export interface MoneyUnit {
  divisor: number;
  /** i18n key of the unit's name: `money.units.yuan` / `.wan` / `.yi`. */
  labelKey: 'money.units.yuan' | 'money.units.wan' | 'money.units.yi';
}

export function moneyUnitFor(amounts: readonly (string | null | undefined)[]): MoneyUnit {
  const max = amounts.reduce((m, a) => Math.max(m, Number(a) || 0), 0);
  if (max >= 1e8) return { divisor: 1e8, labelKey: 'money.units.yi' };
  if (max >= 1e4) return { divisor: 1e4, labelKey: 'money.units.wan' };
  return { divisor: 1, labelKey: 'money.units.yuan' };
}

/** An amount in a chart's unit, rounded to two decimals (display only: sums stay strings). */
export function inUnit(amount: string | null | undefined, unit: MoneyUnit): number {
  return Math.round(((Number(amount) || 0) / unit.divisor) * 100) / 100;
}

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

import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyCompact, parseMoney } from './money';

describe('formatMoney', () => {
  it('groups thousands and always shows two decimals', () => {
    expect(formatMoney('1250000.00')).toBe('1,250,000.00');
    expect(formatMoney('1250000')).toBe('1,250,000.00');
    expect(formatMoney('999.5')).toBe('999.50');
    expect(formatMoney('0')).toBe('0.00');
    expect(formatMoney('0012')).toBe('12.00');
  });

  it('keeps precision beyond what a float holds', () => {
    expect(formatMoney('90071992547409931.99')).toBe('90,071,992,547,409,931.99');
  });

  it('returns unreadable values unchanged and empty for nothing', () => {
    expect(formatMoney('abc')).toBe('abc');
    expect(formatMoney(null)).toBe('');
    expect(formatMoney('')).toBe('');
  });
});

describe('parseMoney', () => {
  it('accepts yuan with separators, spaces and a trailing 元', () => {
    expect(parseMoney('1,250,000')).toBe('1250000.00');
    expect(parseMoney(' 3000.5 ')).toBe('3000.50');
    expect(parseMoney('1，000元')).toBe('1000.00');
    expect(parseMoney('0.07')).toBe('0.07');
    expect(parseMoney('007')).toBe('7.00');
  });

  it('refuses what is not an amount in yuan', () => {
    expect(parseMoney('')).toBeNull();
    expect(parseMoney('  ')).toBeNull();
    expect(parseMoney('-5')).toBeNull();
    expect(parseMoney('1.234')).toBeNull();
    expect(parseMoney('12万')).toBeNull();
    expect(parseMoney('1e6')).toBeNull();
    expect(parseMoney(null)).toBeNull();
  });

  it('round-trips with formatMoney', () => {
    for (const v of ['1250000.00', '0.01', '42.10']) expect(parseMoney(formatMoney(v))).toBe(v);
  });
});

describe('formatMoneyCompact', () => {
  it('reads large totals in 万元 / 亿元, small ones in full', () => {
    expect(formatMoneyCompact('1250000.00', 'zh-CN')).toBe('125 万元');
    expect(formatMoneyCompact('123456789.00', 'zh-CN')).toBe('1.23 亿元');
    expect(formatMoneyCompact('9999.50', 'zh-CN')).toBe('9,999.50 元');
    expect(formatMoneyCompact('0', 'zh-CN')).toBe('0.00 元');
  });

  it('uses million and billion in English, and a dash for nothing', () => {
    expect(formatMoneyCompact('1250000.00', 'en')).toBe('1.25 million yuan');
    expect(formatMoneyCompact('3000000000', 'en')).toBe('3 billion yuan');
    expect(formatMoneyCompact('12000.5', 'en')).toBe('12,000.50 yuan');
    expect(formatMoneyCompact(null, 'en')).toBe('—');
  });
});

describe('chart money units', () => {
  it('picks 元, 万元 or 亿元 by the largest amount and scales to two decimals', async () => {
    const { moneyUnitFor, inUnit } = await import('./money');
    expect(moneyUnitFor(['9999.99', null]).labelKey).toBe('money.units.yuan');
    const wan = moneyUnitFor(['12345.00', '10.00']);
    expect(wan.labelKey).toBe('money.units.wan');
    expect(inUnit('12345.00', wan)).toBe(1.23);
    expect(moneyUnitFor(['250000000.00']).labelKey).toBe('money.units.yi');
    expect(inUnit(undefined, wan)).toBe(0);
  });
});

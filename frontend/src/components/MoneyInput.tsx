import { Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { parseMoney } from './money';

/** A text input for an amount in yuan; pair it with moneyRule and send parseMoney(value). */
export function MoneyInput({
  value,
  onChange,
  id,
  ...rest
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}) {
  const { t } = useTranslation();
  return (
    <Input
      id={id}
      inputMode="decimal"
      value={value}
      onChange={(e) => onChange?.(e.target.value)}
      placeholder={t('money.placeholder')}
      suffix={t('money.unit')}
      style={{ maxWidth: 260 }}
      {...rest}
    />
  );
}

/** A form rule: empty is fine (add `required` separately), otherwise an amount in yuan. */
export function moneyRule(message: string): Rule {
  return {
    validator: (_, value?: string) =>
      !value || !value.trim() || parseMoney(value) !== null ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

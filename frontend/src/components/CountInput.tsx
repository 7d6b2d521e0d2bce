import { InputNumber, type InputNumberProps } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';

/**
 * A count (people, sessions, projects): a whole number. It has no `min` on purpose: antd would
 * silently turn a typed −5 into 0 when the field loses focus; the rule below refuses it instead.
 */
export function CountInput(props: InputNumberProps<number>) {
  return <InputNumber<number> precision={0} {...props} />;
}

/** The rule of every count field: at least 0, said in words next to the field. */
export function useCountRule(): Rule {
  const { t } = useTranslation();
  return { type: 'number', min: 0, message: t('error.negative') };
}

import { Flex, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { BRAND_LINES, type BrandFocus, type BrandLine } from '../../api/types';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { focusOptions, keepFocusOfLine } from './brandForm';

/**
 * A brand's own fields, the same when it is registered and when it is edited: name, line, then
 * focus (only the chosen line's values), partners, the year it started and its description.
 * Inside a form whose values are `BrandFormValues`.
 */
export function BrandFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const line = Form.useWatch<BrandLine | undefined>('line', form);
  const required = { required: true, message: t('brand.required') };
  const half = { flex: '1 1 260px' };
  return (
    <>
      <Form.Item label={t('brand.name')} name="name" rules={[{ ...required, whitespace: true }]}>
        <Input maxLength={200} data-testid="brand-name" />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item label={t('brand.line')} name="line" rules={[required]} style={half}>
          <Select
            data-testid="brand-line-select"
            options={BRAND_LINES.map((l) => ({ value: l, label: t(`brandLine.${l}`) }))}
            onChange={(l: BrandLine) => form.setFieldValue('focus', keepFocusOfLine(l, form.getFieldValue('focus') as BrandFocus[]))}
          />
        </Form.Item>
        <Form.Item label={t('brand.focus')} name="focus" rules={[{ ...required, type: 'array', min: 1 }]} extra={t('brand.focusHint')} style={{ flex: '2 1 360px' }}>
          <Select
            mode="multiple"
            data-testid="brand-focus-select"
            disabled={!line}
            placeholder={line ? undefined : t('brand.chooseLineFirst')}
            options={focusOptions(line).map((f) => ({ value: f, label: t(`brandFocus.${f}`) }))}
          />
        </Form.Item>
      </Flex>
      <Form.Item label={t('brand.partners')} name="partners">
        <OrganizationSelect multiple testId="brand-partners" />
      </Form.Item>
      <Form.Item label={t('brand.startedYear')} name="started_year" rules={[{ type: 'number', min: 1949, max: 2100, message: t('brand.yearRange') }]} style={{ maxWidth: 200 }}>
        <InputNumber min={1949} max={2100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label={t('brand.description')} name="description">
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
    </>
  );
}

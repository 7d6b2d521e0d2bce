import { Flex, Form, Input, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { CountInput, useCountRule } from '../../components/CountInput';
import { MoneyInput, moneyRule } from '../../components/MoneyInput';

/**
 * A project's figures and terms, the same when it is docked and when it is edited: planned funds
 * and beneficiaries, government purchase with its contract, and sustainability. Inside a form
 * whose values hold those fields.
 */
export function ProjectFigureFields() {
  const { t } = useTranslation();
  const countRule = useCountRule();
  const form = Form.useFormInstance();
  const purchase = Form.useWatch('government_purchase', form);
  const required = { required: true, whitespace: true, message: t('project.required') };
  const half = { flex: '1 1 260px' };
  return (
    <>
      <Flex gap={16} wrap>
        <Form.Item label={t('project.plannedFunds')} name="planned_funds" rules={[moneyRule(t('money.invalid'))]} style={half}>
          <MoneyInput />
        </Form.Item>
        <Form.Item label={t('project.beneficiariesPlanned')} name="beneficiaries_planned" rules={[countRule]} style={half}>
          <CountInput style={{ width: 200 }} />
        </Form.Item>
      </Flex>
      <Form.Item label={t('project.governmentPurchase')} name="government_purchase" valuePropName="checked">
        <Switch data-testid="project-government-purchase" />
      </Form.Item>
      {purchase && (
        <Flex gap={16} wrap>
          <Form.Item label={t('project.contractNumber')} name="contract_number" rules={[required]} style={half}>
            <Input />
          </Form.Item>
          <Form.Item label={t('project.contractAmount')} name="contract_amount" rules={[moneyRule(t('money.invalid'))]} style={half}>
            <MoneyInput />
          </Form.Item>
        </Flex>
      )}
      <Form.Item label={t('project.sustainability')} name="sustainability" extra={t('project.sustainabilityHint')}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </>
  );
}

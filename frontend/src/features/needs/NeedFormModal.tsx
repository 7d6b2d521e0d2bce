import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CountInput, useCountRule } from '../../components/CountInput';
import { ApiError, fieldErrors } from '../../api/problem';
import { ASSISTANCE_TYPES, PRIORITIES, type AssistanceType, type Need, type NewNeed, type Priority } from '../../api/types';
import { CountyPicker } from '../../components/CountyPicker';
import { parseMoney } from '../../components/money';
import { MoneyInput, moneyRule } from '../../components/MoneyInput';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useCurrentUser } from '../../session/context';
import { useCreateNeed, useUpdateNeed } from './api';

interface FormValues {
  county_code: string;
  assistance_type: AssistanceType;
  title: string;
  description?: string;
  budget_estimate?: string;
  beneficiaries?: number;
  priority: Priority;
}

export function toNewNeed(v: FormValues): NewNeed {
  return {
    county_code: v.county_code,
    assistance_type: v.assistance_type,
    title: v.title.trim(),
    description: v.description?.trim() ?? '',
    budget_estimate: parseMoney(v.budget_estimate) ?? '0.00',
    beneficiaries: v.beneficiaries ?? 0,
    priority: v.priority,
  };
}

/** Raises a need (need undefined) or edits one with its ETag. */
export function NeedFormModal({
  open,
  onClose,
  need,
  etag,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  need?: Need;
  etag?: string | null;
  onCreated?: (n: Need) => void;
}) {
  const { t } = useTranslation();
  const countRule = useCountRule();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateNeed();
  const update = useUpdateNeed(need?.id ?? '');
  const mutation = need ? update : create;
  const fixedCounty = user.role === 'county_officer' ? (user.county_code ?? undefined) : undefined;
  const province = user.role === 'provincial_officer' ? (user.province_code ?? undefined) : undefined;

  const close = () => {
    form.resetFields();
    create.reset();
    update.reset();
    onClose();
  };

  const onError = (e: unknown) => {
    const fields = fieldErrors(e);
    if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.name as keyof FormValues, errors: f.errors })));
  };

  const submit = async () => {
    const v = await form.validateFields();
    const body = toNewNeed(v);
    if (need) {
      const patch = {
        assistance_type: body.assistance_type,
        title: body.title,
        description: body.description,
        budget_estimate: body.budget_estimate,
        beneficiaries: body.beneficiaries,
        priority: body.priority,
      };
      update.mutate(
        { patch, etag: etag ?? '' },
        {
          onSuccess: () => {
            void message.success(t('need.saved'));
            close();
          },
          onError,
        },
      );
    } else {
      create.mutate(body, {
        onSuccess: (n) => {
          void message.success(t('need.created'));
          close();
          onCreated?.(n);
        },
        onError,
      });
    }
  };

  const required = { required: true, message: t('need.required') };
  return (
    <Modal
      open={open}
      title={need ? t('need.edit') : t('need.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={mutation.isPending}
      onCancel={close}
      destroyOnHidden
      width={600}
    >
      {mutation.isError && !(mutation.error instanceof ApiError && mutation.error.errors.length > 0) && <ProblemAlert error={mutation.error} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        name="need"
        data-testid="need-form"
        initialValues={
          need
            ? { ...need, budget_estimate: need.budget_estimate }
            : { county_code: fixedCounty, priority: 'medium', beneficiaries: 0 }
        }
      >
        <Form.Item label={t('need.county')} name="county_code" rules={[required]}>
          {need || fixedCounty ? <CountyPickerLocked code={need?.county_code ?? fixedCounty} label={need?.county_name} /> : <CountyPicker province={province} />}
        </Form.Item>
        <Form.Item label={t('need.type')} name="assistance_type" rules={[required]}>
          <Select options={ASSISTANCE_TYPES.map((v) => ({ value: v, label: t(`assistanceType.${v}`) }))} />
        </Form.Item>
        <Form.Item label={t('need.name')} name="title" rules={[required]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('need.description')} name="description">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item label={t('need.budget')} name="budget_estimate" rules={[moneyRule(t('money.invalid'))]}>
          <MoneyInput />
        </Form.Item>
        <Form.Item label={t('need.beneficiaries')} name="beneficiaries" rules={[countRule]}>
          <CountInput style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label={t('need.priority')} name="priority" rules={[required]}>
          <Select options={PRIORITIES.map((v) => ({ value: v, label: t(`priority.${v}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CountyPickerLocked({ code, label }: { code?: string; label?: string }) {
  return <Input disabled value={label ? `${label}（${code}）` : code} />;
}

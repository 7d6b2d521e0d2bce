import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { ASSISTANCE_TYPES, REGIONS, type AssistanceType, type Offer, type Region } from '../../api/types';
import { parseMoney } from '../../components/money';
import { MoneyInput, moneyRule } from '../../components/MoneyInput';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useProvinceOptions } from '../../components/referenceData';
import { useSaveOffer } from './api';

interface FormValues {
  title: string;
  assistance_types: AssistanceType[];
  capacity: string;
  preferred_province_codes: string[];
  preferred_regions: Region[];
  description?: string;
  active?: boolean;
}

/** Adds an offer (offer undefined) or edits one. */
export function OfferModal({ orgId, offer, open, onClose }: { orgId: string; offer?: Offer; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveOffer(orgId);
  const provinces = useProvinceOptions();

  const close = () => {
    form.resetFields();
    save.reset();
    onClose();
  };

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      title: v.title.trim(),
      assistance_types: v.assistance_types,
      capacity: parseMoney(v.capacity) ?? '0.00',
      preferred_province_codes: v.preferred_province_codes ?? [],
      preferred_regions: v.preferred_regions ?? [],
      description: v.description?.trim() ?? '',
      ...(offer ? { active: !!v.active } : {}),
    };
    save.mutate(
      { offerId: offer?.id, body },
      {
        onSuccess: () => {
          void message.success(t('offer.saved'));
          close();
        },
        onError: (e) => {
          const fields = fieldErrors(e);
          if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.name as keyof FormValues, errors: f.errors })));
        },
      },
    );
  };

  const required = { required: true, message: t('org.required') };
  return (
    <Modal
      open={open}
      title={offer ? t('offer.edit') : t('offer.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={save.isPending}
      onCancel={close}
      destroyOnHidden
      width={600}
    >
      {save.isError && !(save.error instanceof ApiError && save.error.errors.length > 0) && <ProblemAlert error={save.error} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        name="offer"
        data-testid="offer-form"
        initialValues={
          offer
            ? { ...offer, capacity: offer.capacity }
            : { assistance_types: [], preferred_province_codes: [], preferred_regions: [], active: true }
        }
      >
        <Form.Item label={t('offer.name')} name="title" rules={[required]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('offer.types')} name="assistance_types" rules={[required]}>
          <Select mode="multiple" options={ASSISTANCE_TYPES.map((v) => ({ value: v, label: t(`assistanceType.${v}`) }))} />
        </Form.Item>
        <Form.Item label={t('offer.capacity')} name="capacity" rules={[required, moneyRule(t('money.invalid'))]}>
          <MoneyInput />
        </Form.Item>
        <Form.Item label={t('offer.provinces')} name="preferred_province_codes">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
          />
        </Form.Item>
        <Form.Item label={t('offer.regions')} name="preferred_regions">
          <Select mode="multiple" options={REGIONS.map((r) => ({ value: r, label: t(`region.${r}`) }))} />
        </Form.Item>
        <Form.Item label={t('offer.description')} name="description">
          <Input.TextArea rows={3} />
        </Form.Item>
        {offer && (
          <Form.Item label={t('offer.active')} name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

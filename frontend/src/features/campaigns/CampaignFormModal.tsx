import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import type { Campaign } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useCountySearch, useProvinceOptions } from '../../components/referenceData';
import { useCreateCampaign } from './api';

interface FormValues {
  year: number;
  theme: string;
  province_codes?: string[];
  counties?: { value: string; label: string }[];
}

/** The national admin sets the year's rural tour: year, theme, target provinces and counties. */
export function CampaignFormModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: Campaign) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateCampaign();
  const provinces = useProvinceOptions();
  const [q, setQ] = useState('');
  const counties = useCountySearch(undefined, q);

  const close = () => {
    form.resetFields();
    create.reset();
    onClose();
  };

  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(
      { year: v.year, theme: v.theme.trim(), province_codes: v.province_codes ?? [], county_codes: (v.counties ?? []).map((c) => c.value) },
      {
        onSuccess: (c) => {
          void message.success(t('campaign.created'));
          close();
          onCreated(c);
        },
        onError: (e) => {
          const fields = fieldErrors(e).map((f) => ({ name: (f.name === 'county_codes' ? 'counties' : f.name) as keyof FormValues, errors: f.errors }));
          if (fields.length > 0) form.setFields(fields);
        },
      },
    );
  };

  const required = { required: true, message: t('campaign.required') };
  return (
    <Modal
      open={open}
      title={t('campaign.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={create.isPending}
      onCancel={close}
      destroyOnHidden
    >
      {create.isError && !(create.error instanceof ApiError && create.error.errors.length > 0) && <ProblemAlert error={create.error} />}
      <Form<FormValues> form={form} layout="vertical" name="campaign" data-testid="campaign-form" initialValues={{ year: new Date().getFullYear() }}>
        <Form.Item label={t('campaign.year')} name="year" rules={[required]}>
          <InputNumber min={2000} max={2100} precision={0} />
        </Form.Item>
        <Form.Item label={t('campaign.theme')} name="theme" rules={[{ ...required, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('campaign.provinces')} name="province_codes">
          <Select
            mode="multiple"
            data-testid="campaign-provinces"
            showSearch={{ optionFilterProp: 'label' }}
            options={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
          />
        </Form.Item>
        <Form.Item label={t('campaign.counties')} name="counties">
          <Select<{ value: string; label: string }[]>
            mode="multiple"
            labelInValue
            data-testid="campaign-counties"
            placeholder={t('common.countySearch')}
            showSearch={{ filterOption: false, onSearch: setQ }}
            loading={counties.isFetching}
            options={counties.data?.items.map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

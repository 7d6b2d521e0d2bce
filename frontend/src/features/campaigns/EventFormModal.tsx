import { App, DatePicker, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { CountyPicker } from '../../components/CountyPicker';
import { OrganizationSelect, type OrgOption } from '../../components/OrganizationSelect';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useCurrentUser } from '../../session/context';
import { useCreateDockingEvent } from './api';

interface FormValues {
  date: { format: (template: string) => string };
  place: string;
  county_code: string;
  organizations?: OrgOption[];
}

/** A docking event (对接活动) of the campaign: date, place, county, participating organizations. */
export function EventFormModal({ campaignId, open, onClose }: { campaignId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateDockingEvent(campaignId);

  const close = () => {
    form.resetFields();
    create.reset();
    onClose();
  };

  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(
      {
        date: v.date.format('YYYY-MM-DD'),
        place: v.place.trim(),
        county_code: v.county_code,
        organization_ids: (v.organizations ?? []).map((o) => o.value),
      },
      {
        onSuccess: () => {
          void message.success(t('campaign.eventCreated'));
          close();
        },
        onError: (e) => {
          const fields = fieldErrors(e).map((f) => ({ name: (f.name === 'organization_ids' ? 'organizations' : f.name) as keyof FormValues, errors: f.errors }));
          if (fields.length > 0) form.setFields(fields);
        },
      },
    );
  };

  const required = { required: true, message: t('campaign.required') };
  return (
    <Modal
      open={open}
      title={t('campaign.addEvent')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={create.isPending}
      onCancel={close}
      destroyOnHidden
    >
      {create.isError && !(create.error instanceof ApiError && create.error.errors.length > 0) && <ProblemAlert error={create.error} />}
      <Form<FormValues> form={form} layout="vertical" name="docking-event" data-testid="event-form">
        <Form.Item label={t('campaign.eventDate')} name="date" rules={[required]}>
          <DatePicker />
        </Form.Item>
        <Form.Item label={t('campaign.place')} name="place" rules={[{ ...required, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('campaign.county')} name="county_code" rules={[required]}>
          <CountyPicker province={user.role === 'provincial_officer' ? (user.province_code ?? undefined) : undefined} />
        </Form.Item>
        <Form.Item label={t('campaign.participants')} name="organizations">
          <OrganizationSelect multiple testId="event-organizations" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

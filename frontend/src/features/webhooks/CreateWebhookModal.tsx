import { Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { shownOnFields } from '../../api/problem';
import { WEBHOOK_EVENTS, type CreatedWebhook, type NewWebhook, type SubscribableEvent } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useCreateModal } from '../../components/useCreateModal';
import { RoleScopeFields, roleScope, type RoleScopeValues } from '../../components/RoleScopeFields';
import { useCurrentUser } from '../../session/context';
import { issuableTokenRoles } from '../../session/roles';
import { useCreateWebhook } from './api';

interface FormValues extends RoleScopeValues {
  name: string;
  url: string;
  events: SubscribableEvent[];
}

export function toNewWebhook(v: FormValues): NewWebhook {
  return { name: v.name.trim(), url: v.url.trim(), events: v.events, ...roleScope(v) };
}

const FORM_FIELDS: readonly string[] = ['name', 'url', 'events', 'role', 'province_code', 'county_code', 'organization_id'];

/** Subscribes an integrator's receiver; the signing secret comes back once, to `onCreated`. */
export function CreateWebhookModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CreatedWebhook) => void;
}) {
  const { t } = useTranslation();
  const caller = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateWebhook();

  const { close, submit } = useCreateModal(form, create, toNewWebhook, onClose, onCreated);

  const required = { required: true, message: t('token.required') };

  return (
    <Modal
      open={open}
      title={t('webhook.create')}
      okText={t('webhook.subscribe')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={create.isPending}
      onCancel={close}
      destroyOnHidden
      width={600}
    >
      {create.isError && !shownOnFields(create.error, FORM_FIELDS) && <ProblemAlert error={create.error} />}
      <Form<FormValues> form={form} layout="vertical" name="create-webhook" data-testid="webhook-form">
        <Form.Item
          label={t('webhook.name')}
          name="name"
          rules={[required, { whitespace: true, message: t('token.required') }, { max: 100, message: t('token.nameMax') }]}
        >
          <Input autoComplete="off" placeholder={t('token.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          label={t('webhook.url')}
          name="url"
          extra={t('webhook.urlHelp')}
          rules={[required, { type: 'url', message: t('webhook.urlInvalid') }, { max: 2000, message: t('webhook.urlInvalid') }]}
        >
          <Input autoComplete="off" placeholder="https://example.org/hooks/zhuxiang" />
        </Form.Item>
        <Form.Item label={t('webhook.events')} name="events" rules={[{ required: true, message: t('webhook.eventsRequired') }]}>
          <Checkbox.Group
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 8 }}
            options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: `${t(`webhook.event.${e}`)}（${e}）` }))}
          />
        </Form.Item>
        <RoleScopeFields roles={issuableTokenRoles(caller.role)} i18nPrefix="token" />
      </Form>
    </Modal>
  );
}

import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import {
  ASSISTANCE_TYPES,
  LEGAL_FORMS,
  ORG_CATEGORIES,
  RECOMMENDERS,
  REGISTRATION_LEVELS,
  type AssistanceType,
  type LegalForm,
  type NewOrganization,
  type OrgCategory,
  type Organization,
  type OrganizationPatch,
  type RecommendedBy,
  type RegistrationLevel,
} from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useProvinceOptions } from '../../components/referenceData';
import { useCurrentUser } from '../../session/context';
import { isCoordinator } from '../../session/roles';
import { useCreateOrganization, useUpdateOrganization } from './api';

interface FormValues {
  name: string;
  credit_code: string;
  legal_form: LegalForm;
  registration_level: RegistrationLevel;
  province_code: string;
  category: OrgCategory;
  specialties: AssistanceType[];
  party_org: boolean;
  recommended_by: RecommendedBy | 'none';
}

export function toNewOrganization(v: FormValues): NewOrganization {
  return {
    name: v.name.trim(),
    credit_code: v.credit_code.trim().toUpperCase(),
    legal_form: v.legal_form,
    registration_level: v.registration_level,
    province_code: v.province_code,
    category: v.category,
    specialties: v.specialties ?? [],
    party_org: !!v.party_org,
    recommended_by: v.recommended_by === 'none' ? null : v.recommended_by,
  };
}

/** A merge patch of the fields this user may change (members: not the code, province or recommendation). */
export function toOrganizationPatch(v: FormValues, coordinator: boolean): OrganizationPatch {
  const { credit_code, province_code, recommended_by, ...profile } = toNewOrganization(v);
  return coordinator ? { ...profile, credit_code, province_code, recommended_by } : profile;
}

/** Registers an organization (org undefined) or edits one (with its ETag). */
export function OrganizationFormModal({
  open,
  onClose,
  org,
  etag,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  org?: Organization;
  etag?: string | null;
  onCreated?: (o: Organization) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const coordinator = isCoordinator(user.role);
  const [form] = Form.useForm<FormValues>();
  const create = useCreateOrganization();
  const update = useUpdateOrganization(org?.id ?? '');
  const mutation = org ? update : create;
  const provinces = useProvinceOptions();
  const fixedProvince = user.role === 'provincial_officer' ? (user.province_code ?? undefined) : undefined;

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
    const values = await form.validateFields();
    if (org) {
      update.mutate(
        { patch: toOrganizationPatch(values, coordinator), etag: etag ?? '' },
        {
          onSuccess: () => {
            void message.success(t('org.saved'));
            close();
          },
          onError,
        },
      );
    } else {
      create.mutate(toNewOrganization(values), {
        onSuccess: (o) => {
          void message.success(`${t('org.created')}: ${o.name}`);
          close();
          onCreated?.(o);
        },
        onError,
      });
    }
  };

  const required = { required: true, message: t('org.required') };
  const initial: Partial<FormValues> = org
    ? {
        name: org.name,
        credit_code: org.credit_code,
        legal_form: org.legal_form,
        registration_level: org.registration_level,
        province_code: org.province_code,
        category: org.category,
        specialties: org.specialties,
        party_org: org.party_org,
        recommended_by: org.recommended_by ?? 'none',
      }
    : { specialties: [], party_org: false, recommended_by: 'none', province_code: fixedProvince };

  return (
    <Modal
      open={open}
      title={org ? t('org.edit') : t('org.register')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={mutation.isPending}
      onCancel={close}
      destroyOnHidden
      width={640}
    >
      {mutation.isError && !(mutation.error instanceof ApiError && mutation.error.errors.length > 0) && (
        <ProblemAlert error={mutation.error} />
      )}
      <Form<FormValues> form={form} layout="vertical" name="organization" data-testid="org-form" initialValues={initial}>
        <Form.Item label={t('org.name')} name="name" rules={[required]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('org.creditCode')} name="credit_code" rules={[required]}>
          <Input autoComplete="off" maxLength={18} disabled={!!org && !coordinator} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item label={t('org.legalForm')} name="legal_form" rules={[required]}>
          <Select options={LEGAL_FORMS.map((v) => ({ value: v, label: t(`legalForm.${v}`) }))} />
        </Form.Item>
        <Form.Item label={t('org.level')} name="registration_level" rules={[required]}>
          <Select options={REGISTRATION_LEVELS.map((v) => ({ value: v, label: t(`level.${v}`) }))} />
        </Form.Item>
        <Form.Item label={t('org.province')} name="province_code" rules={[required]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!!fixedProvince || (!!org && !coordinator)}
            loading={provinces.isPending}
            options={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
          />
        </Form.Item>
        <Form.Item label={t('org.category')} name="category" rules={[required]}>
          <Select options={ORG_CATEGORIES.map((v) => ({ value: v, label: t(`category.${v}`) }))} />
        </Form.Item>
        <Form.Item label={t('org.specialties')} name="specialties">
          <Select mode="multiple" options={ASSISTANCE_TYPES.map((v) => ({ value: v, label: t(`assistanceType.${v}`) }))} />
        </Form.Item>
        <Form.Item label={t('org.partyOrg')} name="party_org" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item label={t('org.recommendedBy')} name="recommended_by">
          <Select
            disabled={!!org && !coordinator}
            options={[
              { value: 'none', label: t('recommendedBy.none') },
              ...RECOMMENDERS.map((v) => ({ value: v, label: t(`recommendedBy.${v}`) })),
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useCallback, useEffect } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Select } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CountInput, useCountRule } from '../../components/CountInput';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError, fieldErrors } from '../../api/problem';
import { ASSISTANCE_TYPES, CHANNELS, type AssistanceType, type Channel, type NewPairing } from '../../api/types';
import { CountyPicker } from '../../components/CountyPicker';
import { parseMoney } from '../../components/money';
import { MoneyInput, moneyRule } from '../../components/MoneyInput';
import { OrganizationSelect, type OrgOption } from '../../components/OrganizationSelect';
import { DraftAlert } from '../../components/DraftAlert';
import { useFormDraft } from '../../components/formDraft';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useOrganizationRef } from '../../components/referenceData';
import { ForbiddenState } from '../../components/states';
import { useCurrentUser } from '../../session/context';
import { canProposePairings } from '../../session/roles';
import { useCreatePairing } from './api';

type DateValue = { format: (template: string) => string } | null | undefined;

interface FormValues {
  county_code: string;
  lead: OrgOption;
  members?: OrgOption[];
  assistance_types: AssistanceType[];
  channel: Channel;
  planned_funds?: string;
  planned_projects?: number;
  commitment?: string;
  start_date?: DateValue;
  end_date?: DateValue;
}

export function toNewPairing(v: FormValues): NewPairing {
  const members = (v.members ?? []).map((m) => m.value).filter((id) => id !== v.lead.value);
  return {
    county_code: v.county_code,
    lead_organization_id: v.lead.value,
    ...(members.length > 0 ? { organization_ids: members } : {}),
    assistance_types: v.assistance_types,
    channel: v.channel,
    planned_funds: parseMoney(v.planned_funds) ?? '0.00',
    planned_projects: v.planned_projects ?? 0,
    commitment: v.commitment?.trim() ?? '',
    start_date: v.start_date ? v.start_date.format('YYYY-MM-DD') : null,
    end_date: v.end_date ? v.end_date.format('YYYY-MM-DD') : null,
  };
}

/** 结对申请: a county, a lead organization (and group members), types, channel and commitment. */
export function CreatePairingPage() {
  const { t } = useTranslation();
  const countRule = useCountRule();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [params] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const create = useCreatePairing();
  const ownOrg = useOrganizationRef(user.role === 'org_member' ? user.organization_id : null);
  const draft = useFormDraft(form, `pairing-new${useLocation().search}`, user.id);

  // an organization's member acts for their own organization: the form starts with it, again
  // after a discarded draft
  const putOwnOrg = useCallback(() => {
    if (ownOrg.data) form.setFieldValue('lead', { value: ownOrg.data.id, label: ownOrg.data.name });
  }, [ownOrg.data, form]);
  useEffect(putOwnOrg, [putOwnOrg]);

  if (!canProposePairings(user.role)) return <ForbiddenState />;

  const submit = async () => {
    const values = await form.validateFields();
    // the promise, not mutate's callbacks: those are skipped once the page is left, and the
    // draft of a project that was saved must not come back
    void create.mutateAsync(toNewPairing(values)).then(
      (p) => {
        draft.clear();
        void message.success(t('pairing.created'));
        navigate(`/pairings/${p.id}`);
      },
      (e: unknown) => {
        const fields = fieldErrors(e).map((f) => ({
          name: (f.name === 'lead_organization_id' ? 'lead' : f.name === 'organization_ids' ? 'members' : f.name) as keyof FormValues,
          errors: f.errors,
        }));
        if (fields.length > 0) form.setFields(fields);
      },
    );
  };

  const required = { required: true, message: t('pairing.required') };
  const fixedCounty = user.role === 'county_officer' ? (user.county_code ?? undefined) : undefined;
  return (
    <>
      <PageHeader
        title={t('pairing.createTitle')}
        extra={
          <Link to="/pairings">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <Card style={{ maxWidth: 760 }}>
        <DraftAlert
          draft={draft}
          onDiscard={() => {
            form.resetFields();
            putOwnOrg();
          }}
        />
        {create.isError && !(create.error instanceof ApiError && create.error.errors.length > 0) && <ProblemAlert error={create.error} />}
        <Form<FormValues>
          form={form}
          onValuesChange={draft.save}
          layout="vertical"
          name="pairing"
          data-testid="pairing-form"
          initialValues={{
            county_code: fixedCounty ?? params.get('county') ?? undefined,
            assistance_types: [],
            channel: 'national_org',
            planned_projects: 0,
          }}
          onFinish={() => void submit()}
        >
          <Form.Item label={t('pairing.county')} name="county_code" rules={[required]}>
            <CountyPicker />
          </Form.Item>
          <Form.Item label={t('pairing.lead')} name="lead" rules={[required]}>
            <OrganizationSelect testId="lead-select" disabled={user.role === 'org_member'} />
          </Form.Item>
          <Form.Item label={t('pairing.members')} name="members">
            <OrganizationSelect multiple testId="members-select" />
          </Form.Item>
          <Form.Item label={t('pairing.assistanceTypes')} name="assistance_types" rules={[required]}>
            <Select
              mode="multiple"
              data-testid="types-select"
              options={ASSISTANCE_TYPES.map((v) => ({ value: v, label: t(`assistanceType.${v}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('pairing.channel')} name="channel" rules={[required]}>
            <Select options={CHANNELS.map((v) => ({ value: v, label: t(`channel.${v}`) }))} />
          </Form.Item>
          <Form.Item label={t('pairing.plannedFunds')} name="planned_funds" rules={[moneyRule(t('money.invalid'))]}>
            <MoneyInput />
          </Form.Item>
          <Form.Item label={t('pairing.plannedProjects')} name="planned_projects" rules={[countRule]}>
            <CountInput />
          </Form.Item>
          <Form.Item label={t('pairing.commitment')} name="commitment">
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item label={t('pairing.startDate')} name="start_date">
            <DatePicker />
          </Form.Item>
          <Form.Item label={t('pairing.endDate')} name="end_date">
            <DatePicker />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="pairing-submit">
            {t('pairing.create')}
          </Button>
        </Form>
      </Card>
    </>
  );
}

import { useCallback, useEffect } from 'react';
import { App, Button, Card, Flex, Form, Input, Select } from 'antd';
import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError, fieldErrors } from '../../api/problem';
import { ASSISTANCE_TYPES, PROJECT_ROLES } from '../../api/types';
import { CountyPicker } from '../../components/CountyPicker';
import { DraftAlert } from '../../components/DraftAlert';
import { useFormDraft } from '../../components/formDraft';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useOrganizationRef } from '../../components/referenceData';
import { ForbiddenState } from '../../components/states';
import { useCurrentUser } from '../../session/context';
import { canCreateProjects } from '../../session/roles';
import { useCampaignEventOptions, useCampaignOptions, useCreateProject } from './api';
import { ProjectFigureFields } from './ProjectFigureFields';
import { organizationsProblem, toNewProject, type ProjectFormValues } from './projectForm';

/** 项目对接: a county, the organizations with their roles, optionally the rural tour's event, the figures. */
export function CreateProjectPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [params] = useSearchParams();
  const [form] = Form.useForm<ProjectFormValues>();
  const create = useCreateProject();
  const ownOrg = useOrganizationRef(user.role === 'org_member' ? user.organization_id : null);
  const campaignId = Form.useWatch('campaign_id', form);
  const campaigns = useCampaignOptions();
  const events = useCampaignEventOptions(campaignId);
  // one draft per way in: opened from a need or an event, the form starts from other values
  const draft = useFormDraft(form, `project-new${useLocation().search}`, user.id);

  // an organization's member acts for their own organization: the form starts with it, again
  // after a discarded draft
  const putOwnOrg = useCallback(() => {
    if (ownOrg.data) form.setFieldValue(['organizations', 0, 'org'], { value: ownOrg.data.id, label: ownOrg.data.name });
  }, [ownOrg.data, form]);
  useEffect(putOwnOrg, [putOwnOrg]);

  if (!canCreateProjects(user.role)) return <ForbiddenState />;

  const submit = async () => {
    const values = await form.validateFields();
    // the promise, not mutate's callbacks: those are skipped once the page is left, and the
    // draft of a project that was saved must not come back
    void create.mutateAsync(toNewProject(values, { pairing_id: params.get('pairing'), need_id: params.get('need') })).then(
      (p) => {
        draft.clear();
        void message.success(t('project.created'));
        navigate(`/projects/${p.id}`);
      },
      (e: unknown) => {
        // organizations[0].organization_id → the row's organization field
        const fields = fieldErrors(e).map((f) => {
          const row = /^organizations\[(\d+)\]/.exec(f.name);
          return { name: row ? ['organizations', Number(row[1]), 'org'] : [f.name], errors: f.errors };
        });
        if (fields.length > 0) form.setFields(fields as never);
      },
    );
  };

  const required = { required: true, message: t('project.required') };
  const fixedCounty = user.role === 'county_officer' ? (user.county_code ?? undefined) : undefined;
  return (
    <>
      <PageHeader
        title={t('project.createTitle')}
        extra={
          <Link to="/projects">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <Card style={{ maxWidth: 820 }}>
        <DraftAlert
          draft={draft}
          onDiscard={() => {
            form.resetFields();
            putOwnOrg();
          }}
        />
        {create.isError && !(create.error instanceof ApiError && create.error.errors.length > 0) && <ProblemAlert error={create.error} />}
        <Form<ProjectFormValues>
          form={form}
          onValuesChange={draft.save}
          layout="vertical"
          name="project"
          data-testid="project-form"
          initialValues={{
            county_code: fixedCounty ?? params.get('county') ?? undefined,
            organizations: [{ role: 'lead' }],
            campaign_id: params.get('campaign') ?? undefined,
            event_id: params.get('event') ?? undefined,
            government_purchase: false,
            beneficiaries_planned: 0,
          }}
          onFinish={() => void submit()}
        >
          <Form.Item label={t('project.name')} name="title" rules={[{ ...required, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('project.county')} name="county_code" rules={[required]}>
            <CountyPicker />
          </Form.Item>
          <Form.Item label={t('project.organizations')} required>
            <Form.List
              name="organizations"
              rules={[
                {
                  validator: (_, rows: ProjectFormValues['organizations']) => {
                    const problem = organizationsProblem(rows);
                    return problem ? Promise.reject(new Error(t(`project.orgProblem.${problem}`))) : Promise.resolve();
                  },
                },
              ]}
            >
              {(rows, { add, remove }, { errors }) => (
                <Flex vertical gap={8} data-testid="project-org-rows">
                  {rows.map((row, i) => (
                    <Flex key={row.key} gap={8} align="flex-start">
                      {/* minWidth 0: a long organization name shrinks here rather than push the role off a phone's screen */}
                      <Form.Item name={[row.name, 'org']} rules={[required]} style={{ flex: 1, minWidth: 0, marginBottom: 0 }}>
                        <OrganizationSelect
                          testId={`project-org-${i}`}
                          disabled={i === 0 && user.role === 'org_member' && !!ownOrg.data}
                        />
                      </Form.Item>
                      <Form.Item name={[row.name, 'role']} rules={[required]} style={{ width: 120, marginBottom: 0 }}>
                        <Select
                          aria-label={t('project.role')}
                          data-testid={`project-org-role-${i}`}
                          options={PROJECT_ROLES.map((r) => ({ value: r, label: t(`projectRole.${r}`) }))}
                        />
                      </Form.Item>
                      {rows.length > 1 && (
                        <Button
                          type="text"
                          icon={<MinusCircleOutlined />}
                          aria-label={t('project.removeOrg')}
                          onClick={() => remove(row.name)}
                        />
                      )}
                    </Flex>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'partner' })} data-testid="project-org-add" style={{ alignSelf: 'flex-start' }}>
                    {t('project.addOrg')}
                  </Button>
                  <Form.ErrorList errors={errors} />
                </Flex>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item label={t('project.assistanceType')} name="assistance_type" rules={[required]}>
            <Select data-testid="project-type" options={ASSISTANCE_TYPES.map((v) => ({ value: v, label: t(`assistanceType.${v}`) }))} />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item label={t('project.campaign')} name="campaign_id" style={{ flex: '1 1 260px' }}>
              <Select
                allowClear
                data-testid="project-campaign"
                placeholder={t('project.campaignOptional')}
                loading={campaigns.isPending}
                onChange={() => form.setFieldValue('event_id', undefined)}
                options={campaigns.data?.items.map((c) => ({ value: c.id, label: `${c.year} · ${c.theme}` }))}
              />
            </Form.Item>
            {/* a project joins a rural tour through its docking event: a campaign alone would be lost */}
            <Form.Item
              label={t('project.event')}
              name="event_id"
              style={{ flex: '1 1 260px' }}
              rules={[{ required: !!campaignId, message: t('project.eventRequired') }]}
            >
              <Select
                allowClear
                disabled={!campaignId}
                data-testid="project-event"
                placeholder={t('project.eventOptional')}
                loading={events.isFetching}
                options={events.data?.items.map((e) => ({ value: e.id, label: `${e.date} · ${e.place}` }))}
              />
            </Form.Item>
          </Flex>
          <ProjectFigureFields />
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="project-submit">
            {t('project.create')}
          </Button>
        </Form>
      </Card>
    </>
  );
}

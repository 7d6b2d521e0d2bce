import { useEffect, useState } from 'react';
import { App, Form, Modal, Select, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/problem';
import type { Incident, ProjectListQuery, User } from '../../api/types';
import { useCurrentUser } from '../../session/context';
import { CountyPicker } from '../CountyPicker';
import { OrganizationSelect, type OrgOption } from '../OrganizationSelect';
import { ProblemAlert } from '../ProblemAlert';
import { useOrganizationRef } from '../referenceData';
import { formFieldOf, projectRequired, toNewIncident, type ReportValues } from './incidentForm';
import { IncidentFields } from './IncidentFields';
import { useReportIncident } from './incidentsApi';
import { ProjectPicker } from './ProjectPicker';

/** The project an incident is reported from (its page): fixed, with the organizations that may be named. */
export interface ReportProject {
  id: string;
  title: string;
  county_code: string;
  county_name: string;
  organizations: readonly { organization_id: string; name: string; consent: string }[];
}

/** Where a coordinator's project picker looks: their county, their province, or everywhere. */
function areaOf(user: Pick<User, 'role' | 'province_code' | 'county_code'>): Pick<ProjectListQuery, 'province' | 'county'> {
  if (user.role === 'county_officer' && user.county_code) return { county: user.county_code };
  if (user.role === 'provincial_officer' && user.province_code) return { province: user.province_code };
  return {};
}

/**
 * A field the form does not let change (the member's own organization, the page's project): inside
 * its Form.Item, which keeps the value (and shows its errors), it shows the value's name.
 */
function Fixed({ text, value, testId }: { text?: string; value?: OrgOption | string; testId: string }) {
  return (
    <Typography.Text strong data-testid={testId}>
      {text ?? (typeof value === 'object' ? value.label : value)}
    </Typography.Text>
  );
}

/**
 * 报告事件: whom it is about (an organization; for its members, their own), the project or else the
 * county where it happened, and what happened. From a project's page the project is fixed. A 422's
 * field errors go on their fields; anything else shows above the form.
 */
export function ReportIncidentModal({
  project,
  organization,
  onClose,
  onReported,
}: {
  project?: ReportProject;
  organization?: OrgOption;
  onClose: () => void;
  onReported?: (incident: Incident) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [form] = Form.useForm<ReportValues>();
  const report = useReportIncident();
  const [unplaced, setUnplaced] = useState(false);
  const member = user.role === 'org_member';
  const ownOrg = useOrganizationRef(member ? user.organization_id : null);
  const chosenOrg = Form.useWatch<OrgOption | undefined>('organization', form);
  const chosenProject = Form.useWatch<string | undefined>('project_id', form);

  // the organizations a project's incident may name: those taking part in it
  const projectOrgs = (project?.organizations ?? []).filter((o) => o.consent === 'accepted' && (!member || o.organization_id === user.organization_id));
  const orgFixed = member || !!organization || projectOrgs.length === 1;

  useEffect(() => {
    if (ownOrg.data) form.setFieldValue('organization', { value: ownOrg.data.id, label: ownOrg.data.name });
  }, [ownOrg.data, form]);

  const initial: Partial<ReportValues> = {
    organization: organization ?? (projectOrgs.length === 1 ? { value: projectOrgs[0].organization_id, label: projectOrgs[0].name } : undefined),
    project_id: project?.id,
    // a county's officer reports in their own county
    county_code: user.role === 'county_officer' ? (user.county_code ?? undefined) : undefined,
  };

  const submit = async () => {
    const values = await form.validateFields();
    report.mutate(toNewIncident(values), {
      onSuccess: (incident) => {
        void message.success(t('incidents.created'));
        onReported?.(incident);
        onClose();
      },
      onError: (e) => {
        const all = fieldErrors(e);
        const placed = all.flatMap((f) => {
          const name = formFieldOf(f.name);
          return name ? [{ name, errors: f.errors }] : [];
        });
        // field errors go on their fields; a problem no field shows is shown above the form
        setUnplaced(placed.length < all.length || all.length === 0);
        if (placed.length > 0) form.setFields(placed);
      },
    });
  };

  let orgField;
  if (orgFixed) orgField = <Fixed testId="incident-organization-fixed" />;
  else if (project) {
    orgField = (
      <Select<OrgOption>
        labelInValue
        data-testid="incident-organization"
        options={projectOrgs.map((o) => ({ value: o.organization_id, label: o.name }))}
        placeholder={t('incidents.organizationPick')}
      />
    );
  } else orgField = <OrganizationSelect testId="incident-organization" />;

  return (
    <Modal
      open
      title={t('incidents.createTitle')}
      okText={t('incidents.submit')}
      okButtonProps={{ 'data-testid': 'incident-report-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={report.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {report.isError && unplaced && <ProblemAlert error={report.error} />}
      <Form<ReportValues>
        form={form}
        layout="vertical"
        name="incident-report"
        data-testid="incident-report-form"
        initialValues={initial}
        onValuesChange={(changed: Partial<ReportValues>) => {
          // another organization has other projects
          if ('organization' in changed && !project) form.setFieldValue('project_id', undefined);
        }}
      >
        <Form.Item label={t('incidents.organization')} name="organization" rules={[{ required: true, message: t('incidents.organizationRequired') }]}>
          {orgField}
        </Form.Item>
        <Form.Item
          label={t('incidents.project')}
          name="project_id"
          rules={projectRequired(user.role) ? [{ required: true, message: t('incidents.projectRequired') }] : []}
          extra={project || chosenProject ? t('incidents.countyFromProject') : member ? t('incidents.projectOwnHint') : t('incidents.projectOptional')}
        >
          {project ? (
            <Fixed text={`${project.title}（${project.county_name}）`} testId="incident-project-fixed" />
          ) : (
            <ProjectPicker organizationId={chosenOrg?.value} area={areaOf(user)} />
          )}
        </Form.Item>
        {!project && !chosenProject && (
          <Form.Item label={t('incidents.county')} name="county_code" rules={[{ required: true, message: t('incidents.countyRequired') }]}>
            <CountyPicker province={user.role === 'provincial_officer' ? (user.province_code ?? undefined) : undefined} disabled={user.role === 'county_officer'} />
          </Form.Item>
        )}
        <IncidentFields />
      </Form>
    </Modal>
  );
}

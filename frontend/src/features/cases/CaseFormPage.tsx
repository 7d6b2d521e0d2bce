import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, fieldErrors } from '../../api/problem';
import type { Case } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useOrganizationRef } from '../../components/referenceData';
import { ForbiddenState, QueryState } from '../../components/states';
import { useCurrentUser } from '../../session/context';
import { canWriteCases } from '../../session/roles';
import { useCase, useCreateCase, useUpdateCase } from './api';
import { changedOnly, formFieldOf, formValuesOf, toCasePatch, toNewCase, type CaseFormValues } from './caseForm';
import { CaseFormFields } from './CaseFormFields';

/** 报送案例 (/cases/new) and 编辑案例 (/cases/:id/edit): one form for both. */
export function CaseFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const user = useCurrentUser();
  const existing = useCase(id);
  const back = id ? `/cases/${id}` : '/cases';

  let body;
  if (!id) {
    body = canWriteCases(user.role) ? <CaseEditor /> : <ForbiddenState />;
  } else {
    body = (
      <QueryState query={existing}>
        {({ data, etag }) =>
          data.editable ? (
            <CaseEditor initial={data} etag={etag} onReload={() => void existing.refetch()} />
          ) : (
            <Alert type="info" showIcon title={t('cases.notEditable')} data-testid="case-not-editable" />
          )
        }
      </QueryState>
    );
  }
  return (
    <>
      <PageHeader
        title={id ? t('cases.editTitle') : t('cases.createTitle')}
        subTitle={existing.data?.data.title}
        extra={
          <Link to={back}>
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      {body}
    </>
  );
}

/**
 * Writes a new case (no `initial`) or edits one with the ETag it was read with, sending only
 * the fields the user changed. If someone changed it meanwhile (412), what the user typed stays
 * in the form: they load the latest version and save again.
 */
function CaseEditor({ initial, etag, onReload }: { initial?: Case; etag?: string | null; onReload?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [form] = Form.useForm<CaseFormValues>();
  const create = useCreateCase();
  const update = useUpdateCase(initial?.id ?? '');
  const mutation = initial ? update : create;
  const member = user.role === 'org_member';
  const ownOrg = useOrganizationRef(!initial && member ? user.organization_id : null);
  // the case as the form opened: only fields changed since then are sent
  const [opened] = useState(() => (initial ? toCasePatch(formValuesOf(initial)) : null));
  const [unplaced, setUnplaced] = useState(false);
  const conflict = update.error instanceof ApiError && update.error.status === 412;

  useEffect(() => {
    if (ownOrg.data) form.setFieldValue('organization', { value: ownOrg.data.id, label: ownOrg.data.name });
  }, [ownOrg.data, form]);

  const onError = (e: unknown) => {
    const fields = fieldErrors(e).flatMap((f) => {
      const name = formFieldOf(f.name);
      return name ? [{ name, errors: f.errors }] : [];
    });
    // field errors go on their fields; a problem no field shows is shown above the form
    setUnplaced(fields.length === 0 || fields.length < fieldErrors(e).length);
    if (fields.length > 0) form.setFields(fields);
  };

  const submit = async () => {
    const values = await form.validateFields();
    if (initial && opened) {
      update.mutate(
        { patch: changedOnly(toCasePatch(values), opened), etag: etag ?? '' },
        {
          onSuccess: () => {
            void message.success(t('cases.saved'));
            navigate(`/cases/${initial.id}`);
          },
          onError,
        },
      );
    } else {
      create.mutate(toNewCase(values), {
        onSuccess: (c) => {
          void message.success(t('cases.created'));
          navigate(`/cases/${c.id}`);
        },
        onError,
      });
    }
  };

  return (
    <Card style={{ maxWidth: 900 }}>
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          data-testid="case-edit-conflict"
          title={t('cases.editConflict')}
          action={
            <Button
              size="small"
              onClick={() => {
                update.reset();
                onReload?.();
              }}
            >
              {t('cases.reloadLatest')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      ) : (
        mutation.isError && unplaced && <ProblemAlert error={mutation.error} />
      )}
      <Form<CaseFormValues>
        form={form}
        layout="vertical"
        name="case"
        data-testid="case-form"
        initialValues={initial ? formValuesOf(initial) : { project_ids: [], county_codes: [], consent_to_publish: false }}
        onValuesChange={(changed: Partial<CaseFormValues>) => {
          // a brand and projects belong to the organization: another organization starts without them
          if ('organization' in changed) form.setFieldsValue({ brand_id: undefined, project_ids: [] });
        }}
        onFinish={() => void submit()}
      >
        <CaseFormFields existing={initial} organizationFixed={member} />
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="case-save">
            {initial ? t('cases.save') : t('cases.saveDraft')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

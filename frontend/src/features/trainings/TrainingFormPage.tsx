import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, fieldErrors } from '../../api/problem';
import type { Training } from '../../api/types';
import { changedOnly } from '../../components/mergePatch';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/states';
import { useCurrentUser } from '../../session/context';
import { useCreateTraining, useTraining, useUpdateTraining } from './api';
import { formFieldOf, formValuesOf, initialValuesFor, toNewTraining, toTrainingPatch, type TrainingFormValues } from './trainingForm';
import { TrainingFormFields } from './TrainingFormFields';

/** 计划培训 (/trainings/new) and 编辑培训 (/trainings/:id/edit): one form for both. */
export function TrainingFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const existing = useTraining(id);
  const back = id ? `/trainings/${id}` : '/trainings';
  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('trainings.title'), to: '/trainings' }]}
        title={id ? t('trainings.editTitle') : t('trainings.createTitle')}
        subTitle={existing.data?.data.title}
        extra={
          <Link to={back}>
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      {id ? (
        <QueryState query={existing}>
          {({ data, etag }) =>
            data.may_manage && data.status === 'planned' ? (
              <TrainingEditor initial={data} etag={etag} onReload={() => void existing.refetch()} />
            ) : (
              <Alert type="info" showIcon title={t('trainings.notEditable')} data-testid="training-not-editable" />
            )
          }
        </QueryState>
      ) : (
        <TrainingEditor />
      )}
    </>
  );
}

/**
 * Plans a training (no `initial`) or edits a planned one with the ETag it was read with, sending
 * only the fields changed. The server's 422 goes on the fields it names; a 412 keeps what was
 * typed until the latest version is loaded.
 */
export function TrainingEditor({ initial, etag, onReload }: { initial?: Training; etag?: string | null; onReload?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [form] = Form.useForm<TrainingFormValues>();
  const create = useCreateTraining();
  const update = useUpdateTraining(initial?.id ?? '');
  const mutation = initial ? update : create;
  // the training as the form opened: only fields changed since then are sent
  const [opened] = useState(() => (initial ? toTrainingPatch(formValuesOf(initial)) : null));
  const [unplaced, setUnplaced] = useState(false);
  const conflict = update.error instanceof ApiError && update.error.status === 412;

  const onError = (e: unknown) => {
    const all = fieldErrors(e);
    const placed = all.flatMap((f) => {
      const name = formFieldOf(f.name);
      return name ? [{ name, errors: f.errors }] : [];
    });
    // field errors go on their fields; a problem no field shows is shown above the form
    setUnplaced(placed.length === 0 || placed.length < all.length);
    if (placed.length > 0) form.setFields(placed);
  };

  const submit = (values: TrainingFormValues) => {
    setUnplaced(false);
    if (initial && opened) {
      update.mutate(
        { patch: changedOnly(toTrainingPatch(values), opened), etag: etag ?? '' },
        {
          onSuccess: () => {
            void message.success(t('trainings.saved'));
            navigate(`/trainings/${initial.id}`);
          },
          onError,
        },
      );
    } else {
      create.mutate(toNewTraining(values), {
        onSuccess: (tr) => {
          void message.success(t('trainings.created'));
          navigate(`/trainings/${tr.id}`);
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
          data-testid="training-edit-conflict"
          title={t('trainings.editConflict')}
          action={
            <Button
              size="small"
              onClick={() => {
                update.reset();
                onReload?.();
              }}
            >
              {t('trainings.reloadLatest')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      ) : (
        mutation.isError && unplaced && <ProblemAlert error={mutation.error} />
      )}
      <Form<TrainingFormValues>
        form={form}
        layout="vertical"
        name="training"
        data-testid="training-form"
        initialValues={initial ? formValuesOf(initial) : initialValuesFor(user)}
        onFinish={submit}
      >
        <TrainingFormFields existing={!!initial} />
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="training-save">
            {initial ? t('trainings.save') : t('trainings.submit')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

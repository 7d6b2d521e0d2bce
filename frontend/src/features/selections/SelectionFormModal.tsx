import { App, Form, Input, InputNumber, Modal, Radio, Select, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { SELECTION_KINDS, type SelectionKind } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useCreateSelection, useRoundOptions } from './api';
import { subjectTypeOf } from './selectionLogic';

interface Values {
  year: number;
  kind: SelectionKind;
  title?: string;
  evaluation_round_id?: string;
}

/** 新建选树 (national admins): a year, what is selected, and optionally the evaluation round that informs the review. */
export function SelectionFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateSelection();
  const kind = (Form.useWatch('kind', form) as SelectionKind | undefined) ?? 'outstanding_organization';
  const year = Form.useWatch('year', form) as number | undefined;
  const rounds = useRoundOptions(subjectTypeOf(kind), true);

  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(
      { year: v.year, kind: v.kind, title: v.title?.trim() || null, evaluation_round_id: v.evaluation_round_id ?? null },
      {
        onSuccess: (s) => {
          void message.success(t('selections.created'));
          onClose();
          onCreated(s.id);
        },
        onError: (e) => {
          const fields = fieldErrors(e);
          if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
          // 409: the year already has this kind of selection — said on the year
          else if (e instanceof ApiError && e.status === 409) form.setFields([{ name: 'year', errors: [e.detail ?? e.title] }]);
        },
      },
    );
  };

  const showProblem = create.isError && !(create.error instanceof ApiError && (create.error.errors.length > 0 || create.error.status === 409));
  return (
    <Modal
      open
      title={t('selections.create')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'selection-save' } as ButtonProps}
      confirmLoading={create.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {showProblem && <ProblemAlert error={create.error} />}
      <Form<Values>
        form={form}
        layout="vertical"
        name="selection"
        data-testid="selection-form"
        initialValues={{ year: new Date().getFullYear(), kind: 'outstanding_organization' }}
        onValuesChange={(changed: Partial<Values>) => {
          // a round evaluates one kind of subject: another kind needs another round
          if (changed.kind) form.setFieldValue('evaluation_round_id', undefined);
        }}
      >
        <Form.Item label={t('selections.year')} name="year" rules={[{ required: true, message: t('selections.yearRequired') }]}>
          <InputNumber min={2021} max={2100} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label={t('selections.kind')} name="kind" rules={[{ required: true }]}>
          <Radio.Group options={SELECTION_KINDS.map((k) => ({ value: k, label: t(`selections.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item label={t('selections.name')} name="title" extra={t('selections.titleHint', { title: t('selections.defaultTitle', { year: year ?? '', kind: t(`selections.kinds.${kind}`) }) })}>
          <Input maxLength={200} placeholder={t('selections.defaultTitle', { year: year ?? '', kind: t(`selections.kinds.${kind}`) })} />
        </Form.Item>
        <Form.Item label={t('selections.round')} name="evaluation_round_id" extra={t('selections.roundHint')}>
          <Select
            allowClear
            data-testid="selection-round"
            loading={rounds.isPending}
            placeholder={t('selections.roundPlaceholder')}
            options={rounds.data?.items.map((r) => ({ value: r.id, label: `${r.name}（${r.year}）` }))}
            notFoundContent={t('selections.noRounds')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

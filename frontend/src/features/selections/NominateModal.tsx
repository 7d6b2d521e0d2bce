import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import type { Selection } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useProvinceName } from '../../components/referenceData';
import { useCurrentUser } from '../../session/context';
import { useCreateNomination, useNomineeSearch } from './api';

interface Values {
  subject_id?: string;
  reason?: string;
}

/**
 * 推荐: an organization (or a recognized brand) with the reason. A provincial officer picks among
 * their province's; a national admin among all.
 */
export function NominateModal({ selection, onClose }: { selection: Selection; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const provinceName = useProvinceName();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const province = user.role === 'provincial_officer' ? (user.province_code ?? undefined) : undefined;
  const search = useNomineeSearch(selection.kind, province, q);
  const create = useCreateNomination(selection.id);

  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(
      { subject_id: v.subject_id ?? '', reason: (v.reason ?? '').trim() },
      {
        onSuccess: (n) => {
          void message.success(t('selections.nominated', { name: n.subject_name }));
          onClose();
        },
        onError: (e) => {
          const fields = fieldErrors(e);
          if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
          // 409: already nominated — said on the pick
          else if (e instanceof ApiError && e.status === 409) form.setFields([{ name: 'subject_id', errors: [e.detail ?? e.title] }]);
        },
      },
    );
  };

  const showProblem = create.isError && !(create.error instanceof ApiError && (create.error.errors.length > 0 || create.error.status === 409));
  return (
    <Modal
      open
      title={t('selections.nominate')}
      okText={t('selections.nominate')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'nominate-save' } as ButtonProps}
      confirmLoading={create.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={province ? t('selections.nominateOwnProvince', { province: provinceName(province) }) : t('selections.nominateAny')}
      />
      {showProblem && <ProblemAlert error={create.error} />}
      <Form<Values> form={form} layout="vertical" name="nomination" data-testid="nominate-form">
        <Form.Item
          label={t(`selections.nominee.${selection.kind}`)}
          name="subject_id"
          rules={[{ required: true, message: t('selections.nomineeRequired') }]}
          extra={selection.kind === 'well_known_brand' ? t('selections.brandNomineeHint') : undefined}
        >
          <Select
            data-testid="nominee-select"
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={t('selections.nomineePlaceholder')}
            loading={search.isFetching}
            notFoundContent={search.isFetching ? t('common.loading') : t('common.empty')}
            options={search.options.map((o) => ({ value: o.value, label: `${o.name} · ${provinceName(o.province)}` }))}
          />
        </Form.Item>
        <Form.Item label={t('selections.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('selections.reasonRequired') }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('selections.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

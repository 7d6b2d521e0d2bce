import { useState } from 'react';
import { App, Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/problem';
import type { Participant } from '../../api/types';
import { CountInput } from '../../components/CountInput';
import { OrganizationSelect, type OrgOption } from '../../components/OrganizationSelect';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePutParticipant } from './api';
import { MAX_HEAD_COUNT, participantBody } from './trainingLogic';

interface Values {
  organization?: OrgOption;
  head_count?: number;
}

/** The form field a server field error belongs on. */
const FIELD_OF: Record<string, keyof Values> = { organization_id: 'organization', head_count: 'head_count' };

/**
 * 添加组织 (an organization found by name, and its head count) or 修改人数 of one already listed
 * (its attendance kept). The server's 422 goes on the field it names.
 */
export function ParticipantModal({ trainingId, participant, onClose }: { trainingId: string; participant?: Participant; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const put = usePutParticipant(trainingId);
  const [unplaced, setUnplaced] = useState(false);

  const submit = async () => {
    const v = await form.validateFields();
    const organizationId = participant?.organization_id ?? v.organization?.value ?? '';
    const body = participant
      ? participantBody(participant, { head_count: v.head_count })
      : participantBody({ organization_id: organizationId, head_count: v.head_count ?? 0, attended: null }, {});
    put.mutate(body, {
      onSuccess: () => {
        void message.success(t('trainings.participants.saved'));
        onClose();
      },
      onError: (e) => {
        const all = fieldErrors(e);
        const placed = all.flatMap((f) => (FIELD_OF[f.name] ? [{ name: FIELD_OF[f.name], errors: f.errors }] : []));
        setUnplaced(placed.length < all.length || all.length === 0);
        if (placed.length > 0) form.setFields(placed);
      },
    });
  };

  return (
    <Modal
      open
      title={participant ? t('trainings.participants.editTitle') : t('trainings.participants.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'participant-save' } as ButtonProps}
      confirmLoading={put.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {put.isError && unplaced && <ProblemAlert error={put.error} />}
      <Form<Values> form={form} layout="vertical" name="participant" data-testid="participant-form" initialValues={{ head_count: participant?.head_count }}>
        {participant ? (
          <Form.Item label={t('trainings.participants.organization')}>
            <Input disabled value={participant.organization_name} data-testid="participant-organization-fixed" />
          </Form.Item>
        ) : (
          <Form.Item label={t('trainings.participants.organization')} name="organization" rules={[{ required: true, message: t('trainings.participants.organizationRequired') }]}>
            <OrganizationSelect testId="participant-organization" />
          </Form.Item>
        )}
        <Form.Item
          label={t('trainings.participants.headCount')}
          name="head_count"
          rules={[
            { required: true, message: t('trainings.participants.headCountRange') },
            { type: 'number', min: 1, max: MAX_HEAD_COUNT, message: t('trainings.participants.headCountRange') },
          ]}
        >
          <CountInput style={{ width: 160 }} data-testid="participant-head-count-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

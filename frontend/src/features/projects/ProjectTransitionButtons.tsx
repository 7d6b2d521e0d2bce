import { useState, type ReactNode } from 'react';
import { Button, Form, Input, Modal, Space, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Project, ProjectStatus } from '../../api/types';
import { noteRequired, transitionLabel } from './projectLogic';

/** The buttons are exactly the moves the server says this caller may make now (allowed_transitions). */
export function ProjectTransitionButtons({
  project,
  pending,
  onMove,
  evidence,
}: {
  project: Pick<Project, 'status' | 'landing' | 'allowed_transitions'>;
  pending?: boolean;
  onMove: (to: ProjectStatus, note: string | undefined) => Promise<unknown> | void;
  /** Shown in the landing step's dialog: the evidence the organization attaches and the county reviews. */
  evidence?: ReactNode;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<ProjectStatus | null>(null);
  const [form] = Form.useForm<{ note?: string }>();

  if (project.allowed_transitions.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="no-transitions">
        {t('project.noActions')}
      </Typography.Text>
    );
  }

  const label = (to: ProjectStatus) => {
    const l = transitionLabel(project, to);
    return t(l.key, l.status ? { status: t(`projectStatus.${l.status}`) } : undefined);
  };

  const close = () => {
    form.resetFields();
    setTarget(null);
  };

  const submit = async () => {
    if (!target) return;
    const { note } = await form.validateFields();
    await onMove(target, note?.trim() || undefined);
    close();
  };

  const danger = (to: ProjectStatus) => to === 'cancelled' || to === 'suspended';
  return (
    <>
      <Space wrap data-testid="transition-buttons">
        {project.allowed_transitions.map((to) => (
          <Button key={to} type={danger(to) ? 'default' : 'primary'} danger={danger(to)} data-testid={`transition-${to}`} onClick={() => setTarget(to)}>
            {label(to)}
          </Button>
        ))}
      </Space>
      <Modal
        open={!!target}
        title={target ? label(target) : ''}
        okText={target ? label(target) : ''}
        okButtonProps={{ danger: !!target && danger(target), 'data-testid': 'transition-confirm' } as ButtonProps}
        cancelText={t('common.cancel')}
        confirmLoading={pending}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={close}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" name="project-transition" data-testid="transition-form">
          <Form.Item
            label={target && noteRequired(target) ? t('project.note') : t('project.noteOptional')}
            name="note"
            rules={target && noteRequired(target) ? [{ required: true, whitespace: true, message: t('project.noteRequired') }] : []}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
        {target === 'landed' && project.status === 'signed' && evidence}
      </Modal>
    </>
  );
}

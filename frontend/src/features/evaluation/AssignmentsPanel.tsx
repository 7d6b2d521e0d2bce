import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Modal, Segmented, Select, Space, Tag, Typography, type ButtonProps } from 'antd';
import { RollbackOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors, problemMessage } from '../../api/problem';
import type { Assignment, AssignmentBatch, Round } from '../../api/types';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useAssignments, useCreateAssignments, useEvaluators, useWithdrawAssignment } from './api';
import { AssignmentStatusTag } from './EvaluationTags';
import { ReasonModal } from './ReasonModal';
import { groupBySubject, type SubjectAssignments } from './roundLogic';
import { RoundSubjectSelect, type SubjectOption } from './SubjectSelect';

/**
 * A round's experts, one row per subject: who scores it and how far each has come, 自动分配专家
 * (up to the round's experts per subject, reporting the subjects it could not fill), 添加专家 one
 * by one, 撤回 with a reason, and 未提交 to see who has not scored yet.
 */
export function AssignmentsPanel({ round }: { round: Round }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [pendingOnly, setPendingOnly] = useState(false);
  const all = useAssignments(round.id);
  const shown = useAssignments(round.id, pendingOnly ? { status: 'assigned' } : {});
  const table = useListTable('evaluation-assignments');
  const create = useCreateAssignments(round.id);
  const withdraw = useWithdrawAssignment(round.id);
  const [proposal, setProposal] = useState<AssignmentBatch | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Assignment | null>(null);
  const open = round.status === 'draft' || round.status === 'scoring';

  const groups = groupBySubject(shown.data?.items ?? []);
  const counts = new Map(groupBySubject(all.data?.items ?? []).map((g) => [g.subject_id, g]));
  const knownSubjects: SubjectOption[] = [
    ...[...counts.values()].map((g) => ({ value: g.subject_id, label: g.subject_name })),
    ...(proposal?.unfilled ?? []).filter((u) => !counts.has(u.subject_id)).map((u) => ({ value: u.subject_id, label: u.subject_name })),
  ];

  const propose = () => {
    setFailure(null);
    create.mutate(
      { propose: true },
      {
        onSuccess: (batch) => {
          setProposal(batch);
          void message.success(t('evaluation.assignment.proposed', { count: batch.created }));
        },
        onError: (e) => setFailure(e),
      },
    );
  };

  const columns: ListColumn<SubjectAssignments>[] = [
    {
      key: 'subject',
      always: true,
      title: t('evaluation.assignment.subject'),
      dataIndex: 'subject_name',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      key: 'count',
      title: t('evaluation.assignment.experts'),
      render: (_, g) => {
        const active = counts.get(g.subject_id)?.active ?? g.active;
        const short = active < round.min_evaluators;
        return (
          <Tag color={short ? 'error' : 'success'} data-testid="subject-expert-count">
            {t('evaluation.assignment.expertsOf', { active, min: round.min_evaluators })}
          </Tag>
        );
      },
    },
    {
      key: 'assignments',
      always: true,
      title: t('evaluation.assignment.evaluators'),
      render: (_, g) => (
        <Flex vertical gap={4}>
          {g.assignments.map((a) => (
            <Space key={a.id} size={6} wrap data-testid="assignment-item">
              <Typography.Text>{a.evaluator_name}</Typography.Text>
              <AssignmentStatusTag status={a.status} reason={a.reason || undefined} />
              {(a.status === 'assigned' || a.status === 'submitted') && a.to_score > 0 && (
                <Typography.Text type="secondary">{t('evaluation.assignment.scored', { scored: a.scored, total: a.to_score })}</Typography.Text>
              )}
              {a.allowed_transitions.includes('withdrawn') && (
                <Button size="small" type="link" danger icon={<RollbackOutlined />} onClick={() => setWithdrawing(a)} data-testid="assignment-withdraw">
                  {t('evaluation.assignment.withdraw')}
                </Button>
              )}
            </Space>
          ))}
        </Flex>
      ),
    },
    {
      key: 'submitted',
      title: t('evaluation.assignment.submitted'),
      align: 'right',
      render: (_, g) => {
        const c = counts.get(g.subject_id) ?? g;
        return `${c.submitted}/${c.active}`;
      },
    },
  ];

  const query = {
    data: shown.data ? { items: groups } : undefined,
    isError: shown.isError,
    error: shown.error,
    isPending: shown.isPending,
    isFetching: shown.isFetching,
    isPlaceholderData: shown.isPlaceholderData,
    refetch: shown.refetch,
  };

  return (
    <Flex vertical gap={12} data-testid="assignments-panel">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Segmented<'all' | 'pending'>
          data-testid="assignment-filter"
          value={pendingOnly ? 'pending' : 'all'}
          options={[
            { value: 'all', label: t('evaluation.assignment.filterAll') },
            { value: 'pending', label: t('evaluation.assignment.filterPending') },
          ]}
          onChange={(v) => setPendingOnly(v === 'pending')}
        />
        {open && (
          <Space wrap>
            <Button type="primary" icon={<TeamOutlined />} onClick={propose} loading={create.isPending} data-testid="assignment-propose">
              {t('evaluation.assignment.propose')}
            </Button>
            <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="assignment-add">
              {t('evaluation.assignment.add')}
            </Button>
          </Space>
        )}
      </Flex>
      {failure != null && <ProblemAlert error={failure} />}
      {proposal && (
        <Alert
          data-testid="propose-result"
          type={proposal.unfilled_total > 0 ? 'warning' : 'success'}
          showIcon
          closable={{ onClose: () => setProposal(null) }}
          title={
            proposal.unfilled_total > 0
              ? t('evaluation.assignment.unfilledTitle', { created: proposal.created, count: proposal.unfilled_total })
              : t('evaluation.assignment.filledTitle', { created: proposal.created, min: round.min_evaluators })
          }
          description={
            proposal.unfilled_total > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="unfilled-list">
                {proposal.unfilled.map((u) => (
                  <li key={u.subject_id}>{t('evaluation.assignment.unfilledItem', { name: u.subject_name, missing: u.missing })}</li>
                ))}
              </ul>
            )
          }
        />
      )}
      <ListTable<SubjectAssignments>
        table={table}
        query={query}
        testId="assignment-table"
        rowKey="subject_id"
        columns={columns}
        emptyText={pendingOnly ? t('evaluation.assignment.emptyPending') : open ? t('evaluation.assignment.emptyOpen') : t('evaluation.assignment.empty')}
      />
      {adding && <AddExpertModal round={round} subjects={knownSubjects} onClose={() => setAdding(false)} />}
      <ReasonModal
        open={!!withdrawing}
        title={t('evaluation.assignment.withdrawTitle', { name: withdrawing?.evaluator_name ?? '', subject: withdrawing?.subject_name ?? '' })}
        label={t('evaluation.assignment.withdrawReason')}
        hint={t('evaluation.assignment.withdrawHint')}
        pending={withdraw.isPending}
        onCancel={() => setWithdrawing(null)}
        onSubmit={async (reason) => {
          if (!withdrawing) return;
          try {
            await withdraw.mutateAsync({ assignment: withdrawing, reason });
            void message.success(t('evaluation.assignment.withdrawn'));
            setWithdrawing(null);
          } catch (e) {
            void (e instanceof ApiError && e.status === 412 ? message.warning(t('error.stale')) : message.error(problemMessage(e, t)));
            throw e;
          }
        }}
      />
    </Flex>
  );
}

interface AddValues {
  subject?: SubjectOption;
  evaluator?: string;
}

/** 添加专家: one expert on one subject. A 409 (already on it, or a tie they declared) is shown as the server words it. */
function AddExpertModal({ round, subjects, onClose }: { round: Round; subjects: SubjectOption[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const [q, setQ] = useState('');
  const evaluators = useEvaluators(q);
  const create = useCreateAssignments(round.id);
  const [conflict, setConflict] = useState<unknown>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setConflict(null);
    create.mutate(
      { subject_id: v.subject?.value, evaluator_id: v.evaluator },
      {
        onSuccess: () => {
          void message.success(t('evaluation.assignment.added'));
          onClose();
        },
        onError: (e) => {
          const fields = fieldErrors(e).map((f) => ({ name: f.name === 'subject_id' ? 'subject' : f.name === 'evaluator_id' ? 'evaluator' : f.name, errors: f.errors }));
          const placed = fields.filter((f) => f.name === 'subject' || f.name === 'evaluator');
          if (placed.length > 0) form.setFields(placed as { name: keyof AddValues; errors: string[] }[]);
          if (placed.length < Math.max(1, fields.length)) setConflict(e);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('evaluation.assignment.add')}
      okText={t('evaluation.assignment.addSubmit')}
      okButtonProps={{ 'data-testid': 'assign-confirm' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {conflict != null && (
        <Alert type="error" showIcon data-testid="assign-conflict" title={problemMessage(conflict, t)} style={{ marginBottom: 16 }} />
      )}
      <Form<AddValues> form={form} layout="vertical" name="assign" data-testid="assign-form">
        <Form.Item label={t('evaluation.assignment.subject')} name="subject" rules={[{ required: true, message: t('evaluation.required') }]} extra={t('evaluation.assignment.subjectHint')}>
          <RoundSubjectSelect roundId={round.id} type={round.subject_type} extra={subjects} testId="assign-subject" />
        </Form.Item>
        <Form.Item label={t('evaluation.assignment.evaluator')} name="evaluator" rules={[{ required: true, message: t('evaluation.required') }]}>
          <Select
            data-testid="assign-evaluator"
            showSearch={{ filterOption: false, onSearch: setQ }}
            allowClear
            loading={evaluators.isFetching}
            placeholder={t('evaluation.assignment.evaluatorSearch')}
            notFoundContent={evaluators.isFetching ? t('common.loading') : t('evaluation.assignment.noEvaluators')}
            options={(evaluators.data?.items ?? []).map((u) => ({ value: u.id, label: u.display_name === u.username ? u.username : `${u.display_name}（${u.username}）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Card, Col, ConfigProvider, Flex, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CopyOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, fieldErrors, problemMessage } from '../../api/problem';
import { SUBJECT_TYPES, type Framework, type FrameworkStatus } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ForbiddenState, QueryState } from '../../components/states';
import { StatusTimeline } from '../../components/StatusTimeline';
import { useCurrentUser } from '../../session/context';
import { canManageEvaluation } from '../../session/roles';
import { useCopyFramework, useCreateFramework, useFramework, useTransitionFramework, useUpdateFramework } from './api';
import { FRAMEWORK_STATUS_COLOR, FrameworkStatusTag } from './EvaluationTags';
import { FrameworkVersions } from './FrameworkVersions';
import {
  changedOnly,
  describeNode,
  fieldPath,
  formValuesOf,
  isLeafError,
  toFrameworkPatch,
  toNewFramework,
  type FrameworkFormValues,
  type TreeValues,
} from './frameworkTree';
import { frameworkReasonRequired } from './roundLogic';
import { TransitionButtons } from './TransitionButtons';
import { TreeEditor, type NodeErrors } from './TreeEditor';

/** 新建指标体系 (/evaluation/frameworks/new) and one framework's editor (/evaluation/frameworks/:id). */
export function FrameworkPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const user = useCurrentUser();
  const framework = useFramework(id);
  const f = framework.data?.data;

  let body;
  if (!id) {
    body = canManageEvaluation(user.role) ? <FrameworkEditor key="new" /> : <ForbiddenState />;
  } else {
    body = (
      <QueryState query={framework}>
        {({ data, etag }) => <FrameworkEditor key={data.id} framework={data} etag={etag ?? ''} onReload={async () => (await framework.refetch()).data?.data} />}
      </QueryState>
    );
  }
  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('evaluation.framework.title'), to: '/evaluation/frameworks' }]}
        title={
          id ? (
            <Space size={8} wrap>
              {f?.name ?? t('evaluation.framework.detailTitle')}
              {f && <Tag data-testid="framework-version">v{f.version}</Tag>}
            </Space>
          ) : (
            t('evaluation.framework.create')
          )
        }
        extra={
          <Link to="/evaluation/frameworks">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      {body}
    </>
  );
}

/**
 * The editor of a new framework (no `framework`) or of a draft, read-only once active or
 * retired. Saving sends the fields changed since the editor opened (the tree whole) with the
 * ETag it was read with: on 412 what was typed stays, the latest version is loaded on request and
 * saved over. 启用 saves what is typed first; a 422 names the nodes whose weights do not add up.
 */
function FrameworkEditor({ framework, etag, onReload }: { framework?: Framework; etag?: string; onReload?: () => Promise<Framework | undefined> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const admin = canManageEvaluation(user.role);
  const [form] = Form.useForm<FrameworkFormValues>();
  const create = useCreateFramework();
  const update = useUpdateFramework(framework?.id ?? '');
  const move = useTransitionFramework(framework?.id ?? '');
  const copy = useCopyFramework();
  const [initial] = useState<FrameworkFormValues>(() =>
    framework ? formValuesOf(framework) : { name: '', subject_type: 'organization', description: '', tree: { dimensions: [] } },
  );
  // the framework as the editor opened it (then as last saved): only changes since are sent
  const [opened, setOpened] = useState(() => toFrameworkPatch(initial));
  // the last failure to show: its problem, and its errors about groups and nodes (not one input)
  const [failure, setFailure] = useState<unknown>(null);
  const [nodeErrors, setNodeErrors] = useState<NodeErrors>({});
  const editable = admin && (framework ? framework.editable : true);

  const name = Form.useWatch('name', form) ?? initial.name;
  const description = Form.useWatch('description', form) ?? initial.description;
  const tree = Form.useWatch<TreeValues | undefined>('tree', form) ?? initial.tree;
  const subjectType = Form.useWatch('subject_type', form) ?? initial.subject_type;
  const changes = changedOnly(toFrameworkPatch({ name, description, tree }), opened);
  const dirty = Object.keys(changes).length > 0;
  const conflict = failure instanceof ApiError && failure.status === 412;

  /** Leaf errors go on their inputs; errors about a group or a node are drawn where the node is. */
  const showErrors = (e: unknown) => {
    setFailure(e);
    const errors = fieldErrors(e);
    const nodes: NodeErrors = {};
    const leaves: { name: (string | number)[]; errors: string[] }[] = [];
    for (const f of errors) {
      if (isLeafError(f.name)) leaves.push({ name: fieldPath(f.name), errors: f.errors });
      else nodes[f.name] = f.errors;
    }
    setNodeErrors(nodes);
    // the server names the form's own paths (`tree.dimensions[0].indicators[1].weight`)
    if (leaves.length > 0) form.setFields(leaves as Parameters<typeof form.setFields>[0]);
  };

  const clearErrors = () => {
    setFailure(null);
    setNodeErrors({});
  };

  /**
   * After a conflict: the latest version's fields replace those the user has not touched (so the
   * editor shows what the other person saved), and what the user typed stays, to be saved over it.
   */
  const reloadLatest = async () => {
    clearErrors();
    const fresh = await onReload?.();
    if (!fresh) return;
    const latest = formValuesOf(fresh);
    const theirs = toFrameworkPatch(latest);
    const typed = toFrameworkPatch(form.getFieldsValue(true) as FrameworkFormValues);
    const next = { ...opened };
    if (typed.name === opened.name) {
      form.setFieldValue('name', latest.name);
      next.name = theirs.name;
    }
    if (typed.description === opened.description) {
      form.setFieldValue('description', latest.description);
      next.description = theirs.description;
    }
    if (JSON.stringify(typed.tree) === JSON.stringify(opened.tree)) {
      form.setFieldValue('tree', latest.tree);
      next.tree = theirs.tree;
    }
    setOpened(next);
  };

  /** Saves what is typed; resolves to the ETag to act on next, or null when it failed. */
  const save = async (): Promise<string | null> => {
    try {
      await form.validateFields();
    } catch {
      return null;
    }
    const values = form.getFieldsValue(true) as FrameworkFormValues;
    clearErrors();
    if (!framework) {
      try {
        const created = await create.mutateAsync(toNewFramework(values));
        void message.success(t('evaluation.framework.created'));
        navigate(`/evaluation/frameworks/${created.id}`, { replace: true });
      } catch (e) {
        showErrors(e);
      }
      return null;
    }
    if (!dirty) return etag ?? null;
    try {
      const saved = await update.mutateAsync({ patch: changes, etag: etag ?? '' });
      setOpened(toFrameworkPatch(values));
      void message.success(t('evaluation.framework.saved'));
      return saved.etag;
    } catch (e) {
      showErrors(e);
      return null;
    }
  };

  const onMove = async (to: FrameworkStatus, reason: string | undefined) => {
    if (!framework) return;
    // 启用 acts on the saved tree: what is typed is saved first
    const tag = to === 'active' && dirty ? await save() : etag;
    if (!tag) return;
    clearErrors();
    try {
      await move.mutateAsync({ body: { to, ...(reason ? { reason } : {}) }, etag: tag });
      void message.success(t('evaluation.framework.moved', { status: t(`evaluation.framework.statuses.${to}`) }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) void message.warning(t('error.stale'));
      else if (e instanceof ApiError && e.status === 422 && e.errors.length > 0) showErrors(e);
      else void message.error(problemMessage(e, t));
      throw e;
    }
  };

  const onCopy = () => {
    if (!framework) return;
    copy.mutate(framework.id, {
      onSuccess: (c) => {
        void message.success(t('evaluation.framework.copied', { version: c.version }));
        navigate(`/evaluation/frameworks/${c.id}`);
      },
      onError: (e) => void message.error(problemMessage(e, t)),
    });
  };

  const errors = fieldErrors(failure);
  const moveLabel = (to: FrameworkStatus) => (to === 'active' && dirty ? t('evaluation.framework.saveAndActivate') : t(`evaluation.framework.move.${to}`));

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={framework ? 17 : 24}>
        <Flex vertical gap={16}>
          {framework && (
            <Card size="small" title={t('evaluation.actions')}>
              <Flex gap={12} wrap align="center">
                <FrameworkStatusTag status={framework.status} />
                {editable && (
                  <Button type="primary" icon={<SaveOutlined />} onClick={() => void save()} loading={update.isPending} disabled={!dirty} data-testid="framework-save">
                    {t('common.save')}
                  </Button>
                )}
                {admin && (
                  <TransitionButtons<FrameworkStatus>
                    moves={framework.allowed_transitions}
                    label={moveLabel}
                    needsReason={frameworkReasonRequired}
                    reasonLabel={t('evaluation.framework.retireReason')}
                    pending={move.isPending || update.isPending}
                    testIdPrefix="framework"
                    onMove={onMove}
                  />
                )}
                {admin && (
                  <Button icon={<CopyOutlined />} onClick={onCopy} loading={copy.isPending} data-testid="framework-copy">
                    {t('evaluation.framework.copy')}
                  </Button>
                )}
                {dirty && editable && (
                  <Typography.Text type="warning" data-testid="framework-dirty">
                    {t('evaluation.framework.unsaved')}
                  </Typography.Text>
                )}
              </Flex>
              {!framework.editable && (
                <Alert type="info" showIcon style={{ marginTop: 12 }} data-testid="framework-readonly" title={t(`evaluation.framework.readonly.${framework.status}`)} />
              )}
            </Card>
          )}
          {conflict ? (
            <Alert
              type="warning"
              showIcon
              data-testid="framework-conflict"
              title={t('evaluation.framework.conflict')}
              action={
                <Button size="small" onClick={() => void reloadLatest()} data-testid="framework-reload">
                  {t('evaluation.reloadLatest')}
                </Button>
              }
            />
          ) : (
            failure != null && (
              <div data-testid="framework-errors">
                {errors.length > 0 ? (
                  <Alert
                    type="error"
                    showIcon
                    role="alert"
                    title={problemMessage(failure, t)}
                    description={
                      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                        {errors.map((e) => (
                          <li key={e.name}>
                            <Typography.Text strong>{describeNode(e.name, tree, (part, n, nodeName) => nodeWord(t, part, n, nodeName))}</Typography.Text>
                            {'：'}
                            {e.errors.join('；')} <Typography.Text type="secondary" code>{e.name}</Typography.Text>
                          </li>
                        ))}
                      </ul>
                    }
                  />
                ) : (
                  <ProblemAlert error={failure} />
                )}
              </div>
            )
          )}
          <Card size="small">
            {/* read-only, the disabled inputs are read as text: as dark as text, not greyed out */}
            <ConfigProvider theme={editable ? undefined : READ_ONLY_THEME}>
              <Form<FrameworkFormValues>
                form={form}
                layout="vertical"
                name="framework"
                data-testid="framework-form"
                disabled={!editable}
                initialValues={initial}
                onValuesChange={() => {
                  if (Object.keys(nodeErrors).length > 0) setNodeErrors({});
                }}
                onFinish={() => void save()}
              >
                <Flex gap={16} wrap>
                  <Form.Item
                    label={t('evaluation.framework.name')}
                    name="name"
                    rules={[{ required: true, whitespace: true, message: t('evaluation.required') }]}
                    style={{ flex: '2 1 320px', minWidth: 0 }}
                  >
                    <Input maxLength={200} data-testid="framework-name" />
                  </Form.Item>
                  <Form.Item
                    label={t('evaluation.subjectType')}
                    name="subject_type"
                    rules={[{ required: true, message: t('evaluation.required') }]}
                    extra={framework ? undefined : t('evaluation.framework.subjectTypeHint')}
                    style={{ flex: '1 1 200px', minWidth: 0 }}
                  >
                    <Select
                      data-testid="framework-subject-type"
                      disabled={!!framework || !editable}
                      options={SUBJECT_TYPES.map((s) => ({ value: s, label: t(`evaluation.subjectTypes.${s}`) }))}
                    />
                  </Form.Item>
                </Flex>
                <Form.Item label={t('evaluation.framework.description')} name="description">
                  <Input.TextArea rows={2} maxLength={5000} />
                </Form.Item>
                <TreeEditor subjectType={subjectType} editable={editable} errors={nodeErrors} />
                {!framework && (
                  <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="framework-submit" style={{ marginTop: 16 }}>
                    {t('evaluation.framework.createDraft')}
                  </Button>
                )}
              </Form>
            </ConfigProvider>
          </Card>
        </Flex>
      </Col>
      {framework && (
        <Col xs={24} xl={7}>
          <Flex vertical gap={16}>
            <FrameworkVersions framework={framework} />
            <Card size="small" title={t('evaluation.history')}>
              <StatusTimeline
                testId="framework-history"
                events={framework.history}
                createdLabel={t('evaluation.framework.timelineCreated')}
                label={(s) => t(`evaluation.framework.statuses.${s}`)}
                color={(s) => timelineColor(FRAMEWORK_STATUS_COLOR[s as FrameworkStatus])}
              />
            </Card>
            <UpdatedAt at={framework.updated_at} />
          </Flex>
        </Col>
      )}
    </Row>
  );
}

const READ_ONLY_THEME = { token: { colorTextDisabled: 'rgba(0, 0, 0, 0.85)', colorBgContainerDisabled: '#fafafa' } };

function UpdatedAt({ at }: { at: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <Typography.Text type="secondary">
      {t('evaluation.updatedAtValue', { at: formatDateTime(at) })}
    </Typography.Text>
  );
}

export function timelineColor(c: string | undefined): string {
  return !c || c === 'default' ? 'gray' : c;
}

/** The words of a node's place in the tree (维度 2「成效」, 指标 1「到位资金」, 分档 3, 各指标权重 …). */
function nodeWord(t: (k: string, o?: Record<string, unknown>) => string, part: string, n?: number, name?: string): string {
  switch (part) {
    case 'dimension':
      return name ? t('evaluation.node.dimensionNamed', { n, name }) : t('evaluation.node.dimension', { n });
    case 'indicator':
      return name ? t('evaluation.node.indicatorNamed', { n, name }) : t('evaluation.node.indicator', { n });
    case 'band':
      return t('evaluation.node.band', { n });
    default:
      return t(`evaluation.node.fields.${part}`, { defaultValue: part });
  }
}

import { useState } from 'react';
import { App, Button, Popconfirm, Space, Tag, Typography, type ButtonProps } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import type { CaseCollection, CollectionStatus } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useCurrentUser } from '../../session/context';
import { canManageCaseCollections } from '../../session/roles';
import { useCollections, useTransitionCollection } from './api';
import { collectionReasonRequired, isPastDeadline, todayIso } from './caseLogic';
import { CollectionStatusTag } from './CaseTags';
import { CollectionFormModal } from './CollectionFormModal';
import { ReasonModal } from './ReasonModal';

/** 案例征集: the yearly calls for cases, opened, closed and published by national admins. */
export function CollectionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const collections = useCollections();
  const table = useListTable('case-collections');
  const move = useTransitionCollection();
  const manage = canManageCaseCollections(user.role);
  const [editing, setEditing] = useState<CaseCollection | 'new' | null>(null);
  const [reopening, setReopening] = useState<CaseCollection | null>(null);
  const today = todayIso();

  const transition = (collection: CaseCollection, to: CollectionStatus, reason?: string) =>
    move
      .mutateAsync({ collection, body: { to, ...(reason ? { reason } : {}) } })
      .then(() => void message.success(t('collections.moved', { status: t(`collections.statuses.${to}`) })))
      .catch((e: unknown) => {
        void (e instanceof ApiError && e.status === 412 ? message.warning(t('error.stale')) : message.error(problemMessage(e, t)));
        throw e;
      });

  const actions = (c: CaseCollection) => (
    <Space wrap size={4} data-testid="collection-actions">
      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} data-testid="collection-edit">
        {t('collections.edit')}
      </Button>
      {c.allowed_transitions.map((to) => {
        const label = t(`collections.transition.${to}`);
        const testId = `collection-transition-${to}`;
        if (collectionReasonRequired(c.status, to)) {
          return (
            <Button key={to} size="small" data-testid={testId} onClick={() => setReopening(c)}>
              {label}
            </Button>
          );
        }
        const pending = move.isPending && move.variables?.collection.id === c.id && move.variables.body.to === to;
        // publishing shows the consented typical cases to the public: asked once more
        if (to === 'published') {
          return (
            <Popconfirm
              key={to}
              title={label}
              description={t('collections.publishedHint')}
              okText={label}
              cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': 'collection-publish-confirm' } as ButtonProps}
              onConfirm={() => transition(c, to).catch(() => undefined)}
            >
              <Button size="small" type="primary" data-testid={testId} loading={pending}>
                {label}
              </Button>
            </Popconfirm>
          );
        }
        return (
          <Button key={to} size="small" type="primary" data-testid={testId} loading={pending} onClick={() => void transition(c, to).catch(() => undefined)}>
            {label}
          </Button>
        );
      })}
    </Space>
  );

  const columns: ListColumn<CaseCollection>[] = [
    { key: 'year', title: t('collections.year'), dataIndex: 'year', width: 80 },
    {
      key: 'title',
      always: true,
      title: t('collections.name'),
      dataIndex: 'title',
      render: (title: string, c) => (
        <div style={{ minWidth: 180, maxWidth: 420 }}>
          <Typography.Text strong>{title}</Typography.Text>
          {c.description && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: c.description }} style={{ margin: 0 }}>
              {c.description}
            </Typography.Paragraph>
          )}
        </div>
      ),
    },
    {
      key: 'deadline',
      title: t('collections.deadline'),
      dataIndex: 'deadline',
      render: (deadline: string, c) => (
        <Space size={4} wrap>
          <span data-testid="collection-deadline">{deadline}</span>
          {c.status === 'open' && isPastDeadline(deadline, today) && <Tag color="orange">{t('collections.pastDeadline')}</Tag>}
        </Space>
      ),
    },
    { key: 'status', always: true, title: t('collections.status'), dataIndex: 'status', render: (s: CollectionStatus) => <CollectionStatusTag status={s} /> },
    {
      key: 'cases',
      label: t('collections.cases'),
      title: <span title={t('collections.casesHint')}>{t('collections.cases')}</span>,
      dataIndex: 'cases',
      align: 'right',
      render: (n: number, c) => (
        <Link to={`/cases?collection=${c.id}`} data-testid="collection-cases" title={t('collections.viewCases')}>
          {n}
        </Link>
      ),
    },
    ...(manage
      ? [{ key: 'actions', always: true, noExport: true, title: t('common.actions'), fixed: 'right' as const, render: (_: unknown, c: CaseCollection) => actions(c) }]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('collections.title')}
        subTitle={t('collections.subtitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="collection-create">
              {t('collections.create')}
            </Button>
          )
        }
      />
      <ListTable<CaseCollection> table={table} query={collections} testId="collection-table" rowKey="id" columns={columns} />
      <CollectionFormModal
        key={editing === 'new' ? 'new' : (editing?.id ?? 'none')}
        open={!!editing}
        collection={editing === 'new' ? undefined : (editing ?? undefined)}
        onClose={() => setEditing(null)}
      />
      <ReasonModal
        open={!!reopening}
        title={t('collections.transition.open')}
        label={t('collections.reason')}
        requiredMessage={t('collections.reasonRequired')}
        pending={move.isPending}
        onCancel={() => setReopening(null)}
        onSubmit={async (reason) => {
          if (!reopening) return;
          await transition(reopening, 'open', reason);
          setReopening(null);
        }}
      />
    </>
  );
}

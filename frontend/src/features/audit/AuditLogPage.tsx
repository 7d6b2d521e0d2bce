import { AutoComplete, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AuditEvent } from '../../api/types';
import { CursorPagination } from '../../components/CursorPagination';
import { useFormatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { useCursorPager } from '../../components/useCursorPager';
import { useAuditEvents } from './api';
import { AuditDiff } from './AuditDiff';
import { actionLabelKey, ENTITY_TYPES, entityTypeLabelKey, KNOWN_ACTIONS } from './labels';

const PAGE_SIZE = 50;

export function AuditLogPage() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [params, setParams] = useSearchParams();
  const entityType = params.get('entity_type') ?? undefined;
  const action = params.get('action') ?? undefined;
  const pager = useCursorPager(JSON.stringify([entityType, action]));
  const events = useAuditEvents({ entity_type: entityType, action, limit: PAGE_SIZE, cursor: pager.cursor ?? undefined });

  const update = (patch: { entity_type?: string; action?: string }) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };

  const actionLabel = (a: string) => {
    const key = actionLabelKey(a);
    return key ? t(key) : a;
  };

  const columns: ColumnsType<AuditEvent> = [
    { title: t('audit.at'), dataIndex: 'at', width: 190, render: (at: string) => <span title={at}>{formatDateTime(at)}</span> },
    { title: t('audit.actor'), dataIndex: 'actor_label', width: 200 },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (a: string) => (
        <Flex gap={8} align="center" wrap>
          <span data-testid="audit-action">{actionLabel(a)}</span>
          {actionLabelKey(a) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, e) => {
        const key = entityTypeLabelKey(e.entity_type);
        return (
          <Flex gap={4} align="center" wrap>
            <Tag>{key ? t(key) : e.entity_type}</Tag>
            {e.entity_type === 'county' ? (
              <Link to={`/counties/${e.entity_id}`}>{e.entity_id}</Link>
            ) : (
              <Typography.Text style={{ fontSize: 12 }} data-testid="audit-entity-id">
                {e.entity_id}
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subTitle={t('audit.subtitle')} />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          aria-label={t('audit.entity')}
          data-testid="audit-entity-type"
          placeholder={t('audit.entityTypePlaceholder')}
          style={{ width: 200 }}
          value={entityType}
          onChange={(v?: string) => update({ entity_type: v })}
          options={ENTITY_TYPES.map((e) => ({ value: e, label: t(`audit.entityType.${e}`) }))}
        />
        <AutoComplete
          key={action ?? ''}
          defaultValue={action}
          style={{ width: 300 }}
          options={KNOWN_ACTIONS.map((a) => ({ value: a, label: `${a} · ${actionLabel(a)}` }))}
          showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()) }}
          onSelect={(v: string) => update({ action: v })}
        >
          <Input.Search
            allowClear
            aria-label={t('audit.action')}
            data-testid="audit-action-filter"
            placeholder={t('audit.actionPlaceholder')}
            onSearch={(v) => update({ action: v.trim() || undefined })}
          />
        </AutoComplete>
      </Flex>
      {events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <>
          <Table<AuditEvent>
            data-testid="audit-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={events.data?.items}
            loading={events.isFetching}
            pagination={false}
            expandable={{
              expandedRowRender: (e) => <AuditDiff before={e.before} after={e.after} requestId={e.request_id} />,
            }}
            locale={{ emptyText: events.isPending ? ' ' : <EmptyState /> }}
          />
          <CursorPagination
            page={pager.page}
            hasPrev={pager.hasPrev}
            hasNext={!!events.data?.next_cursor && !events.isPlaceholderData}
            onPrev={pager.prev}
            onNext={() => pager.next(events.data?.next_cursor)}
          />
        </>
      )}
    </>
  );
}

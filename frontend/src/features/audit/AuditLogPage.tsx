import { useState } from 'react';
import { DatePicker, Flex, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AuditEvent, AuditEventQuery, Department } from '../../api/types';
import { ExportButtons } from '../../components/ExportButtons';
import { useFormatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { exportAuditEvents, useActorOptions, useAuditEvents, useAuditVocabulary } from './api';
import { AuditDiff } from './AuditDiff';
import { entityName, entityPath, termLabel, termText } from './labels';

const FILTERS = ['entity_type', 'action', 'actor', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [params, setParams] = useSearchParams();
  const filters: Filters = Object.fromEntries(FILTERS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
  const table = useListTable('audit', JSON.stringify(filters), 50);
  const events = useAuditEvents({ ...filters, limit: table.limit, cursor: table.cursor } as AuditEventQuery);
  const vocabulary = useAuditVocabulary();
  const [actorSearch, setActorSearch] = useState('');
  const actors = useActorOptions(actorSearch);
  const lang = i18n.language;

  const update = (patch: Filters) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };

  // an action belongs to its entity type by its prefix (`project.transition`); evidence actions
  // (`project.attachment.add`) too
  const actions = (vocabulary.data?.actions ?? []).filter((a) => !filters.entity_type || a.code.startsWith(`${filters.entity_type}.`));
  const actorName = events.data?.items.find((e) => e.actor_id === filters.actor)?.actor_name;
  // a status move records no name: it takes the one another event of the object on the page has
  const names = new Map((events.data?.items ?? []).flatMap((e) => {
    const name = entityName(e);
    return name ? [[e.entity_id, name] as const] : [];
  }));

  const columns: ListColumn<AuditEvent>[] = [
    { key: 'at', always: true, title: t('audit.at'), dataIndex: 'at', width: 170, render: (at: string) => <span title={at}>{formatDateTime(at)}</span> },
    {
      title: t('audit.actor'),
      key: 'actor',
      always: true,
      width: 200,
      render: (_, e) => (
        <Flex vertical>
          {e.actor_id ? (
            <Typography.Link onClick={() => update({ actor: e.actor_id ?? undefined })} data-testid="audit-actor">
              {e.actor_name}
            </Typography.Link>
          ) : (
            <span data-testid="audit-actor">{e.actor_name}</span>
          )}
          {e.actor_label !== e.actor_name && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.actor_label}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      // the actor's department when they acted (a coordinator may move to the other one later)
      key: 'department',
      title: t('audit.department'),
      dataIndex: 'actor_department',
      width: 120,
      render: (d?: Department | null) => <span data-testid="audit-department">{d ? t(`department.${d}`) : t('department.none')}</span>,
    },
    {
      key: 'action',
      always: true,
      title: t('audit.action'),
      dataIndex: 'action',
      render: (a: string) => (
        <Flex vertical>
          <span data-testid="audit-action">{termLabel(vocabulary.data?.actions, a, lang)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, e) => {
        const path = entityPath(e);
        const name = entityName(e) ?? names.get(e.entity_id) ?? e.entity_id;
        return (
          <Flex gap={4} align="center" wrap>
            <Tag>{termLabel(vocabulary.data?.entity_types, e.entity_type, lang)}</Tag>
            {path ? (
              <Link to={path} data-testid="audit-entity-link">
                {name}
              </Link>
            ) : (
              <Typography.Text data-testid="audit-entity-id">{name}</Typography.Text>
            )}
          </Flex>
        );
      },
    },
    {
      key: 'changed',
      title: t('audit.changedFields'),
      dataIndex: 'changed_fields',
      responsive: ['md'],
      render: (fields: string[], e) =>
        fields.length > 0 ? (
          <span data-testid="audit-changed">{fields.join('、')}</span>
        ) : (
          <Typography.Text type="secondary">{e.before == null ? t('audit.created') : e.after == null ? t('audit.removed') : t('audit.nothing')}</Typography.Text>
        ),
    },
  ];

  const range: [Dayjs | null, Dayjs | null] | null =
    filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null;

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subTitle={t('audit.subtitle')}
        extra={<ExportButtons testId="audit-export" run={(format, watch) => exportAuditEvents(format, filters, watch)} />}
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          aria-label={t('audit.entity')}
          data-testid="audit-entity-type"
          placeholder={t('audit.entityTypePlaceholder')}
          style={{ width: 180 }}
          value={filters.entity_type}
          onChange={(v?: string) => update({ entity_type: v, action: undefined })}
          options={(vocabulary.data?.entity_types ?? []).map((e) => ({ value: e.code, label: termText(e, lang) }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('audit.action')}
          data-testid="audit-action-filter"
          placeholder={t('audit.actionPlaceholder')}
          style={{ width: 240 }}
          value={filters.action}
          onChange={(v?: string) => update({ action: v })}
          options={actions.map((a) => ({ value: a.code, label: `${termText(a, lang)} · ${a.code}` }))}
        />
        <Select
          allowClear
          showSearch={{ filterOption: false, onSearch: setActorSearch }}
          aria-label={t('audit.actor')}
          data-testid="audit-actor-filter"
          placeholder={t('audit.actorPlaceholder')}
          style={{ width: 220 }}
          value={filters.actor}
          labelRender={({ value, label }) => label ?? actorName ?? value}
          onChange={(v?: string) => update({ actor: v })}
          options={(actors.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.display_name}（${u.username}）` }))}
        />
        <DatePicker.RangePicker
          aria-label={t('audit.dateRange')}
          allowEmpty={[true, true]}
          value={range}
          onChange={(v) => update({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
        />
      </Flex>
      <ListTable<AuditEvent>
        table={table}
        query={events}
        testId="audit-table"
        rowKey="id"
        columns={columns}
        selectable
        expandable={{
          expandedRowRender: (e) => <AuditDiff before={e.before} after={e.after} changed={e.changed_fields} requestId={e.request_id} />,
        }}
      />
    </>
  );
}

import { useState } from 'react';
import { Button, Flex, InputNumber, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { SELECTION_KINDS, SELECTION_STATUSES, type Selection, type SelectionKind, type SelectionStatus } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useListTable } from '../../components/listTable';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentUser } from '../../session/context';
import { canManageSelections } from '../../session/roles';
import { useSelections } from './api';
import { SelectionFormModal } from './SelectionFormModal';
import { selectionFiltersFromSearch, selectionFiltersToSearch, type SelectionFilters } from './selectionLogic';
import { SelectionKindTag, SelectionStatusTag } from './SelectionTags';

/** 选树: the yearly selections — every one for coordinators, the published ones for everyone else. */
export function SelectionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const formatDateTime = useFormatDateTime();
  const [params, setParams] = useSearchParams();
  const filters = selectionFiltersFromSearch(params);
  const table = useListTable('selections', selectionFiltersToSearch(filters).toString());
  const selections = useSelections({ ...filters, limit: table.limit, cursor: table.cursor });
  const [creating, setCreating] = useState(false);
  const update = (patch: Partial<SelectionFilters>) => setParams(selectionFiltersToSearch({ ...filters, ...patch }));

  const columns: ListColumn<Selection>[] = [
    { key: 'year', title: t('selections.year'), dataIndex: 'year', width: 80 },
    {
      key: 'title',
      always: true,
      title: t('selections.name'),
      dataIndex: 'title',
      render: (title: string, s) => (
        <Link to={`/selections/${s.id}`} onClick={(e) => e.stopPropagation()} data-testid="selection-link">
          {title}
        </Link>
      ),
    },
    { key: 'kind', title: t('selections.kind'), dataIndex: 'kind', render: (k: SelectionKind) => <SelectionKindTag kind={k} /> },
    { key: 'status', always: true, title: t('selections.status'), dataIndex: 'status', render: (s: SelectionStatus) => <SelectionStatusTag status={s} /> },
    { key: 'nominations', title: t('selections.nominationCount'), dataIndex: 'nominations', align: 'right' },
    { key: 'selected', title: t('selections.selectedCount'), dataIndex: 'selected', align: 'right' },
    { key: 'updated', title: t('selections.updatedAt'), dataIndex: 'updated_at', responsive: ['md'], render: (at: string) => formatDateTime(at) },
  ];

  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <PageHeader
        title={t('selections.title')}
        subTitle={t('selections.subtitle')}
        extra={
          canManageSelections(user.role) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="selection-create">
              {t('selections.create')}
            </Button>
          )
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="selection-filters">
        <InputNumber
          placeholder={t('selections.year')}
          min={2021}
          max={2100}
          precision={0}
          value={filters.year}
          onChange={(v) => update({ year: v ?? undefined })}
          aria-label={t('selections.year')}
          style={{ width: 120 }}
        />
        <Select
          allowClear
          placeholder={t('selections.kind')}
          aria-label={t('selections.kind')}
          value={filters.kind}
          onChange={(v?: SelectionKind) => update({ kind: v })}
          options={SELECTION_KINDS.map((k) => ({ value: k, label: t(`selections.kinds.${k}`) }))}
          style={{ minWidth: 160 }}
        />
        <Select
          allowClear
          placeholder={t('selections.status')}
          aria-label={t('selections.status')}
          value={filters.status}
          onChange={(v?: SelectionStatus) => update({ status: v })}
          options={SELECTION_STATUSES.map((s) => ({ value: s, label: t(`selections.statuses.${s}`) }))}
          style={{ minWidth: 120 }}
        />
        {filtered && (
          <Button type="link" onClick={() => setParams(new URLSearchParams())}>
            {t('common.reset')}
          </Button>
        )}
        {!canManageSelections(user.role) && user.role !== 'provincial_officer' && (
          <Typography.Text type="secondary">{t('selections.publishedOnly')}</Typography.Text>
        )}
      </Flex>
      <ListTable<Selection>
        table={table}
        query={selections}
        testId="selection-table"
        rowKey="id"
        columns={columns}
        emptyText={filtered ? t('selections.emptyFiltered') : t('selections.empty')}
        onRow={(s) => ({ onClick: () => void navigate(`/selections/${s.id}`), style: { cursor: 'pointer' } })}
      />
      {creating && <SelectionFormModal onClose={() => setCreating(false)} onCreated={(id) => void navigate(`/selections/${id}`)} />}
    </>
  );
}

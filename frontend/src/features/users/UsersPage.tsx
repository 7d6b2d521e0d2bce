import { useState } from 'react';
import { App, Button, Flex, Input, Popconfirm, Select, Space, Tag, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DEPARTMENTS, ROLES, type Department, type Role, type User } from '../../api/types';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentUser } from '../../session/context';
import { useCountyRefs, useOrganizationNames, useProvinceName } from '../../components/referenceData';
import { useClearLockout, useUsers } from './api';
import { problemMessage } from '../../api/problem';
import { useFormatDateTime } from '../../components/format';
import { CreateUserModal } from './CreateUserModal';
import { EditUserModal } from './EditUserModal';

export function UsersPage() {
  const { t } = useTranslation();
  const caller = useCurrentUser();
  // the audit log links an account here by its username (?q=)
  const [params] = useSearchParams();
  const [q, setQ] = useState<string | undefined>(() => params.get('q') ?? undefined);
  const [role, setRole] = useState<Role | undefined>();
  const [department, setDepartment] = useState<Department | undefined>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const table = useListTable('users', JSON.stringify([q, role, department]), 50);
  const users = useUsers({ q, role, department, limit: table.limit, cursor: table.cursor, count: true });
  const provinceName = useProvinceName();
  const formatDateTime = useFormatDateTime();
  const { message } = App.useApp();
  const unlock = useClearLockout();
  // names, not codes: the page's counties and organizations, each read once and kept
  const items = users.data?.items ?? [];
  const counties = useCountyRefs([...new Set(items.flatMap((u) => (u.county_code ? [u.county_code] : [])))]);
  const organizations = useOrganizationNames([...new Set(items.flatMap((u) => (u.organization_id ? [u.organization_id] : [])))]);

  const columns: ListColumn<User>[] = [
    { key: 'username', title: t('user.username'), dataIndex: 'username', always: true },
    { key: 'display_name', title: t('user.displayName'), dataIndex: 'display_name' },
    { key: 'role', title: t('user.role'), dataIndex: 'role', render: (r: Role) => t(`role.${r}`) },
    {
      key: 'department',
      title: t('user.department'),
      dataIndex: 'department',
      render: (d?: Department | null) => <span data-testid="user-department-cell">{d ? t(`department.${d}`) : t('department.none')}</span>,
    },
    { key: 'province', title: t('user.province'), dataIndex: 'province_code', render: provinceName, responsive: ['md'] },
    { key: 'county', title: t('user.county'), dataIndex: 'county_code', responsive: ['md'], render: (c?: string | null) => (c ? `${counties.get(c)?.name ?? ''}（${c}）` : '') },
    {
      key: 'organization',
      title: t('user.organization'),
      responsive: ['md'],
      dataIndex: 'organization_id',
      render: (id?: string | null) => (id ? <Link to={`/organizations/${id}`}>{organizations[id] ?? id}</Link> : ''),
    },
    {
      key: 'status',
      always: true,
      title: t('user.status'),
      dataIndex: 'disabled',
      render: (d: boolean, u) => (
        <Space size={4} wrap>
          {d ? <Tag>{t('user.disabled')}</Tag> : <Tag color="green">{t('user.active')}</Tag>}
          {u.locked_until && (
            <Tooltip title={t('user.lockedHint')}>
              <Tag color="red" data-testid="user-locked">
                {t('user.lockedUntil', { time: formatDateTime(u.locked_until) })}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      always: true,
      noExport: true,
      render: (_, u) => (
        <Space size={0} wrap>
          <Button size="small" type="link" onClick={() => setEditing(u.id)}>
            {t('common.edit')}
          </Button>
          {u.locked_until && (
            <Popconfirm
              title={t('user.unlockConfirm', { name: u.display_name })}
              okText={t('user.unlock')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                unlock
                  .mutateAsync(u.id)
                  .then(() => void message.success(t('user.unlocked', { name: u.display_name })))
                  .catch((e: unknown) => void message.error(problemMessage(e, t)))
              }
            >
              <Button size="small" type="link" danger data-testid="user-unlock">
                {t('user.unlock')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('user.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('user.create')}
          </Button>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('common.search')}
          data-testid="user-search"
          placeholder={t('user.searchPlaceholder')}
          style={{ width: 260 }}
          defaultValue={q}
          onSearch={(v) => setQ(v.trim() || undefined)}
        />
        <Select
          allowClear
          aria-label={t('user.role')}
          placeholder={t('user.rolePlaceholder')}
          style={{ width: 200 }}
          value={role}
          onChange={(v?: Role) => setRole(v)}
          options={(caller.role === 'national_admin' ? ROLES : (['county_officer'] as const)).map((r) => ({
            value: r,
            label: t(`role.${r}`),
          }))}
        />
        <Select
          allowClear
          aria-label={t('user.department')}
          data-testid="user-department-filter"
          placeholder={t('user.departmentPlaceholder')}
          style={{ width: 160 }}
          value={department}
          onChange={(v?: Department) => setDepartment(v)}
          options={DEPARTMENTS.map((d) => ({ value: d, label: t(`department.${d}`) }))}
        />
      </Flex>
      <ListTable<User> table={table} query={users} testId="user-table" rowKey="id" columns={columns} selectable />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <EditUserModal id={editing} onClose={() => setEditing(null)} />
    </>
  );
}

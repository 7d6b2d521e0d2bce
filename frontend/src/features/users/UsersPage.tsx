import { useState } from 'react';
import { App, Button, Flex, Input, Popconfirm, Select, Space, Table, Tag, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ROLES, type Role, type User } from '../../api/types';
import { CursorPagination } from '../../components/CursorPagination';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { useCursorPager } from '../../components/useCursorPager';
import { useCurrentUser } from '../../session/context';
import { useCountyRefs, useOrganizationNames, useProvinceName } from '../../components/referenceData';
import { useClearLockout, useUsers } from './api';
import { problemMessage } from '../../api/problem';
import { useFormatDateTime } from '../../components/format';
import { CreateUserModal } from './CreateUserModal';
import { EditUserModal } from './EditUserModal';

const PAGE_SIZE = 50;

export function UsersPage() {
  const { t } = useTranslation();
  const caller = useCurrentUser();
  // the audit log links an account here by its username (?q=)
  const [params] = useSearchParams();
  const [q, setQ] = useState<string | undefined>(() => params.get('q') ?? undefined);
  const [role, setRole] = useState<Role | undefined>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const pager = useCursorPager(JSON.stringify([q, role]));
  const users = useUsers({ q, role, limit: PAGE_SIZE, cursor: pager.cursor ?? undefined, count: true });
  const provinceName = useProvinceName();
  const formatDateTime = useFormatDateTime();
  const { message } = App.useApp();
  const unlock = useClearLockout();
  // names, not codes: the page's counties and organizations, each read once and kept
  const items = users.data?.items ?? [];
  const counties = useCountyRefs([...new Set(items.flatMap((u) => (u.county_code ? [u.county_code] : [])))]);
  const organizations = useOrganizationNames([...new Set(items.flatMap((u) => (u.organization_id ? [u.organization_id] : [])))]);

  const columns: ColumnsType<User> = [
    { title: t('user.username'), dataIndex: 'username' },
    { title: t('user.displayName'), dataIndex: 'display_name' },
    { title: t('user.role'), dataIndex: 'role', render: (r: Role) => t(`role.${r}`) },
    { title: t('user.province'), dataIndex: 'province_code', render: provinceName },
    { title: t('user.county'), dataIndex: 'county_code', render: (c?: string | null) => (c ? `${counties.get(c)?.name ?? ''}（${c}）` : '') },
    {
      title: t('user.organization'),
      dataIndex: 'organization_id',
      render: (id?: string | null) => (id ? <Link to={`/organizations/${id}`}>{organizations[id] ?? id}</Link> : ''),
    },
    {
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
      </Flex>
      {users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <>
          <Table<User>
            data-testid="user-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={users.data?.items}
            loading={users.isFetching}
            pagination={false}
            locale={{ emptyText: users.isPending ? ' ' : <EmptyState /> }}
          />
          <CursorPagination
            page={pager.page}
            hasPrev={pager.hasPrev}
            hasNext={!!users.data?.next_cursor && !users.isPlaceholderData}
            total={users.data?.total}
            onPrev={pager.prev}
            onNext={() => pager.next(users.data?.next_cursor)}
          />
        </>
      )}
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <EditUserModal id={editing} onClose={() => setEditing(null)} />
    </>
  );
}

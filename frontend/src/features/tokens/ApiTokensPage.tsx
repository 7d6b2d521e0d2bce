import { useState } from 'react';
import { App, Button, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, problemMessage } from '../../api/problem';
import type { ApiToken, CreatedApiToken, Role } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { SecretModal } from '../../components/SecretModal';
import { useProvinceName } from '../../components/referenceData';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useApiTokens, useRevokeApiToken } from './api';
import { CreateTokenModal } from './CreateTokenModal';

export function ApiTokensPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const tokens = useApiTokens();
  const table = useListTable('api-tokens');
  const revoke = useRevokeApiToken();
  const provinceName = useProvinceName();
  const formatDateTime = useFormatDateTime();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  const confirmRevoke = (token: ApiToken) => {
    modal.confirm({
      title: t('token.revokeTitle', { name: token.name }),
      content: t('token.revokeWarning'),
      okText: t('token.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        revoke.mutateAsync(token.id).then(
          () => void message.success(t('token.revokeDone')),
          (e: unknown) => {
            void message.error(e instanceof ApiError && e.status === 412 ? t('error.stale') : problemMessage(e, t));
          },
        ),
    });
  };

  const scope = (tk: ApiToken) =>
    [provinceName(tk.province_code), tk.county_code, tk.organization_id].filter(Boolean).join(' · ');

  const columns: ListColumn<ApiToken>[] = [
    { key: 'name', always: true, title: t('token.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { key: 'role', title: t('token.role'), dataIndex: 'role', render: (r: Role) => t(`role.${r}`) },
    { key: 'scope', title: t('token.scope'), responsive: ['md'], render: (_, tk) => scope(tk) },
    { key: 'created_at', title: t('token.createdAt'), responsive: ['md'], dataIndex: 'created_at', render: formatDateTime },
    {
      key: 'last_used_at',
      title: t('token.lastUsedAt'),
      responsive: ['md'],
      dataIndex: 'last_used_at',
      render: (at?: string | null) =>
        at ? formatDateTime(at) : <Typography.Text type="secondary">{t('token.neverUsed')}</Typography.Text>,
    },
    {
      key: 'status',
      always: true,
      title: t('token.status'),
      dataIndex: 'revoked_at',
      render: (at?: string | null) =>
        at ? (
          <Tooltip title={t('token.revokedAt', { at: formatDateTime(at) })}>
            <Tag data-testid="token-status">{t('token.revoked')}</Tag>
          </Tooltip>
        ) : (
          <Tag color="green" data-testid="token-status">
            {t('token.active')}
          </Tag>
        ),
    },
    {
      key: 'actions',
      always: true,
      noExport: true,
      title: t('common.actions'),
      render: (_, tk) =>
        tk.revoked_at ? null : (
          <Button size="small" type="link" danger icon={<StopOutlined />} onClick={() => confirmRevoke(tk)}>
            {t('token.revoke')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('token.title')}
        subTitle={t('token.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('token.create')}
          </Button>
        }
      />
      <ListTable<ApiToken> table={table} query={tokens} testId="token-table" rowKey="id" columns={columns} />
      <CreateTokenModal open={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <SecretModal
        secret={created?.secret ?? null}
        title={t('token.secretTitle', { name: created?.token.name ?? '' })}
        usage={
          <>
            {t('token.secretUsage')} <Typography.Text code>Authorization: Bearer {'<'}token{'>'}</Typography.Text>
          </>
        }
        testId="token-secret"
        onClose={() => setCreated(null)}
      />
    </>
  );
}

import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Pairing } from '../../api/types';
import { PairingStatusTag } from '../../components/EnumTags';
import { useFormatDateTime } from '../../components/format';
import { ErrorState } from '../../components/states';
import { usePairings } from './api';

/**
 * An organization's pending invitations: pairings others proposed naming it, which attach it only
 * once it accepts. Shown to its members above the list; nothing when there are none.
 */
export function InvitationsCard({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const invitations = usePairings({ awaiting_organization: organizationId, limit: 50 });
  if (invitations.isError) return <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  const items = invitations.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card title={t('pairing.invitations')} size="small" style={{ marginBottom: 16 }} data-testid="pairing-invitations">
      <Typography.Paragraph type="secondary">{t('pairing.invitationsHint')}</Typography.Paragraph>
      <Table<Pairing>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        columns={[
          { title: t('pairing.county'), render: (_, p) => `${p.county_name}（${p.county_code}）` },
          { title: t('pairing.lead'), render: (_, p) => p.organizations[0]?.name },
          { title: t('pairing.proposer'), render: (_, p) => p.history[0]?.actor },
          { title: t('pairing.invitedAt'), render: (_, p) => formatDateTime(p.created_at) },
          { title: t('pairing.status'), render: (_, p) => <PairingStatusTag status={p.status} /> },
          {
            title: t('common.actions'),
            render: (_, p) => (
              <Link to={`/pairings/${p.id}`} data-testid="invitation-open">
                {t('pairing.answer')}
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}

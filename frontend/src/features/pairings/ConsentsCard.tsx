import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { DetailFields } from '../../components/DetailFields';
import { useTranslation } from 'react-i18next';
import type { Pairing } from '../../api/types';
import { ConsentTag } from '../../components/EnumTags';
import { useFormatDateTime } from '../../components/format';

/**
 * The two consents a pairing needs before it is published: every organization named accepts (each
 * for itself), and the county confirms — who and when for each, or what is still missing.
 */
export function ConsentsCard({ pairing: p }: { pairing: Pairing }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const answered = (by?: string | null, at?: string | null) =>
    by ? (
      <Typography.Text type="secondary" data-testid="consent-by">
        {at ? `${by} · ${formatDateTime(at)}` : by}
      </Typography.Text>
    ) : null;
  return (
    <Card title={t('pairing.consents')} size="small" data-testid="pairing-consents">
      <Typography.Paragraph type="secondary">{t('pairing.consentHint')}</Typography.Paragraph>
      <DetailFields bordered column={1} size="small" styles={{ label: { width: 150 } }}>
        <Descriptions.Item label={t('pairing.organizationSide')}>
          <Flex vertical gap={4}>
            {p.organizations.map((o) => (
              <Flex key={o.id} gap={8} wrap align="center" data-testid="consent-organization" data-org-id={o.id}>
                <span>{o.name}</span>
                <ConsentTag consent={o.consent} />
                {answered(o.consent_by, o.consent_at)}
              </Flex>
            ))}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('pairing.countySide')}>
          <Flex gap={8} wrap align="center" data-testid="consent-county">
            {p.confirmed_by ? (
              <>
                <Tag color="green">{t('pairing.countyConfirmed')}</Tag>
                {answered(p.confirmed_by, p.confirmed_at)}
              </>
            ) : (
              <Tag color="gold">{t('pairing.countyPending')}</Tag>
            )}
          </Flex>
        </Descriptions.Item>
      </DetailFields>
    </Card>
  );
}

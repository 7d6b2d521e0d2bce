import { useMemo } from 'react';
import { Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BrandDossier } from '../../api/types';
import { EChart } from '../../components/EChart';
import { formatRate, useFormatDateTime } from '../../components/format';
import { useFormatMoney } from '../../components/money';
import { byStatusOption, ratiosOption } from './brandLogic';

/** 品牌档案: what the platform's own project data says about the brand, as figures and two charts. */
export function DossierCard({ dossier: d }: { dossier: BrandDossier }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatDateTime = useFormatDateTime();
  // options change only with the figures or the language, so the charts are not redrawn on every render
  const byStatus = useMemo(() => byStatusOption(d, (s) => t(`projectStatus.${s}`)), [d, t]);
  const ratios = useMemo(() => ratiosOption(d, { landed: t('brand.landedRatio'), updated: t('brand.updatedRecentlyRatio') }, formatRate), [d, t]);

  const figures: { key: string; title: string; value: string | number; testId?: string }[] = [
    { key: 'projects', title: t('brand.projects'), value: d.projects, testId: 'dossier-projects' },
    { key: 'counties', title: t('brand.countiesReached'), value: d.counties_reached, testId: 'dossier-counties' },
    { key: 'key', title: t('brand.keyCountiesReached'), value: d.key_counties_reached },
    { key: 'provinces', title: t('brand.provincesReached'), value: d.provinces_reached },
    { key: 'funds', title: t('brand.fundsInPlace'), value: formatMoney(d.funds_in_place), testId: 'dossier-funds' },
    { key: 'planned', title: t('brand.fundsPlanned'), value: formatMoney(d.funds_planned) },
    { key: 'reached', title: t('brand.beneficiariesReached'), value: d.beneficiaries_reached },
    { key: 'people', title: t('brand.beneficiariesPlanned'), value: d.beneficiaries_planned },
    { key: 'years', title: t('brand.yearsActive'), value: d.years_active },
    { key: 'orgs', title: t('brand.localOrganizations'), value: d.local_organizations_cultivated },
    { key: 'volunteers', title: t('brand.volunteers'), value: d.volunteers_cultivated },
    { key: 'workers', title: t('brand.socialWorkers'), value: d.social_workers_cultivated },
  ];

  return (
    <Card
      title={t('brand.dossier')}
      size="small"
      data-testid="brand-dossier"
      extra={
        <Typography.Text type="secondary">
          {d.published_only && <span data-testid="dossier-published-only">{t('brand.publishedOnly')} · </span>}
          {d.computed_at ? t('brand.computedAt', { at: formatDateTime(d.computed_at) }) : t('brand.dossierHint')}
        </Typography.Text>
      }
    >
      <Row gutter={[16, 16]}>
        {figures.map((f) => (
          <Col key={f.key} xs={12} sm={8} lg={6} xl={4}>
            <Statistic title={f.title} value={f.value} valueRender={() => <span data-testid={f.testId}>{f.value}</span>} styles={{ content: { fontSize: 20 } }} />
          </Col>
        ))}
      </Row>
      {d.projects === 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }} data-testid="dossier-empty">
          {t('brand.noProjects')}
        </Typography.Paragraph>
      ) : (
        <Flex gap={24} wrap style={{ marginTop: 16 }}>
          <div style={{ flex: '2 1 360px', minWidth: 0 }} data-testid="dossier-by-status" role="img" aria-label={t('brand.byStatus')}>
            <Typography.Text strong>{t('brand.byStatus')}</Typography.Text>
            <EChart option={byStatus} height={220} />
          </div>
          <div style={{ flex: '1 1 260px', minWidth: 0 }} data-testid="dossier-ratios" role="img" aria-label={t('brand.ratios')}>
            <Typography.Text strong>{t('brand.ratios')}</Typography.Text>
            <EChart option={ratios} height={120} />
          </div>
        </Flex>
      )}
    </Card>
  );
}

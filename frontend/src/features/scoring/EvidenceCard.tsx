import { Card, Descriptions, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EvidenceFigure, SubjectType } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { EmptyState } from '../../components/states';
import { useMetrics } from './api';
import { formatFigure, orderFigures, subjectPath, unitKey } from './scoringLogic';

/**
 * 佐证材料: the subject's computed figures as the round snapshotted them (the same for every
 * expert), with a link to the subject's own page and its dossier.
 */
export function EvidenceCard({
  figures,
  subjectType,
  subjectId,
  subjectName,
  snapshotAt,
}: {
  figures: readonly EvidenceFigure[];
  subjectType: SubjectType;
  subjectId: string;
  subjectName: string;
  snapshotAt?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const metrics = useMetrics();
  const name = (f: EvidenceFigure) => (i18n.language === 'en' ? (metrics.data?.items.find((m) => m.code === f.metric)?.name_en ?? f.name) : f.name);
  // the catalogue's order (the server sends the figures in no particular order)
  const ordered = orderFigures(figures, metrics.data?.items.map((m) => m.code) ?? []);
  const unit = (u: string) => {
    const key = unitKey(u);
    return key ? t(`scoring.units.${key}`) : u;
  };
  return (
    <Card
      size="small"
      title={t('scoring.evidence')}
      data-testid="evidence-card"
      extra={
        <Link to={subjectPath(subjectType, subjectId)} data-testid="evidence-subject-link">
          <LinkOutlined /> {t(`scoring.subjectPage.${subjectType}`)}
        </Link>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('scoring.evidenceHint', { name: subjectName })}
        {snapshotAt && <> {t('scoring.snapshotAt', { at: formatDateTime(snapshotAt) })}</>}
      </Typography.Paragraph>
      {figures.length === 0 ? (
        <EmptyState description={t('scoring.noEvidence')} />
      ) : (
        // label beside value on a phone too: the values are short, and stacked they would double the page
        <Descriptions bordered size="small" column={1} styles={{ label: { width: '55%' } }} data-testid="evidence-figures">
          {ordered.map((f) => (
            <Descriptions.Item key={f.metric} label={name(f)}>
              <span data-testid={`evidence-${f.metric}`}>
                {formatFigure(f.value, f.unit, i18n.language)}
                {unit(f.unit) && (f.unit === '%' ? unit(f.unit) : ` ${unit(f.unit)}`)}
              </span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Card>
  );
}

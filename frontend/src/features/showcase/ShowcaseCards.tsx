import { useState } from 'react';
import { Badge, Card, Collapse, Flex, Image, Space, Tag, Typography } from 'antd';
import { PictureOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ShowcaseBrand, ShowcaseCase } from '../../api/types';
import { BrandFocusTags, BrandLineTag } from '../../components/EnumTags';
import { useFormatMoneyCompact } from '../../components/money';
import { publicPhotoUrl } from './api';

/** Small labelled figures on a grid: 项目 3 · 覆盖县 2 · 到位资金 120 万元 … */
function Figures({ items, columns }: { items: { label: string; value: string | number }[]; columns: number }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: '8px 16px' }}>
      {items.map((f) => (
        <Flex key={f.label} vertical>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {f.label}
          </Typography.Text>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {f.value}
          </Typography.Text>
        </Flex>
      ))}
    </div>
  );
}

/** A light tint of each line's colour, behind a brand without a photo. */
export const LINE_TINT: Record<ShowcaseBrand['line'], string> = { development: '#fff2e8', construction: '#f0f5ff', governance: '#f9f0ff' };

/** A brand's first photo, or its line's colour when it has none (or the photo cannot be read). */
function Cover({ photoId, line, alt }: { photoId?: string; line: ShowcaseBrand['line']; alt: string }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  if (photoId && !failed) {
    return <img src={publicPhotoUrl(photoId)} alt={alt} onError={() => setFailed(true)} data-testid="showcase-brand-photo" style={{ height: 168, width: '100%', objectFit: 'cover' }} />;
  }
  // the card's cover makes its child a block: the centring flex goes inside
  return (
    <div>
      <Flex vertical align="center" justify="center" gap={4} style={{ height: 168, background: LINE_TINT[line], color: '#bfbfbf' }}>
        <PictureOutlined style={{ fontSize: 32 }} aria-hidden />
        <Typography.Text type="secondary">{t('showcase.noPhoto')}</Typography.Text>
      </Flex>
    </div>
  );
}

/** A recognized brand: photo, name, organization, focus, the headline figures; 示范品牌 as a ribbon. */
export function ShowcaseBrandCard({ brand: b }: { brand: ShowcaseBrand }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoneyCompact();
  const card = (
    <Card hoverable cover={<Cover photoId={b.photo_ids[0]} line={b.line} alt={b.name} />} data-testid="showcase-brand" data-status={b.status} style={{ height: '100%' }}>
      <Flex vertical gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="showcase-brand-name">
          {b.name}
        </Typography.Title>
        <Typography.Text type="secondary">{b.organization_name}</Typography.Text>
        <div>
          <BrandFocusTags focus={b.focus} />
        </div>
        {b.description && (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: b.description }} style={{ margin: 0 }}>
            {b.description}
          </Typography.Paragraph>
        )}
        <Figures
          columns={2}
          items={[
            { label: t('showcase.projects'), value: b.dossier.projects },
            { label: t('showcase.counties'), value: b.dossier.counties_reached },
            { label: t('showcase.beneficiaries'), value: b.dossier.beneficiaries_reached },
            { label: t('showcase.fundsShort'), value: formatMoney(b.dossier.funds_in_place) },
          ]}
        />
      </Flex>
    </Card>
  );
  return b.status === 'demonstration' ? (
    <Badge.Ribbon text={<span data-testid="showcase-demonstration">{t('brandStatus.demonstration')}</span>} color="gold">
      {card}
    </Badge.Ribbon>
  ) : (
    card
  );
}

/** A typical case: its photos, figures, and the four parts of its story, opened on demand. */
export function ShowcaseCaseCard({ item: c }: { item: ShowcaseCase }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoneyCompact();
  const parts = (['background', 'approach', 'results', 'lessons'] as const).filter((k) => c[k].trim());
  return (
    <Card data-testid="showcase-case" style={{ height: '100%' }}>
      <Flex vertical gap={12}>
        <Space size={[4, 4]} wrap>
          <BrandLineTag line={c.line} />
          <Tag>{c.collection_title}</Tag>
        </Space>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {c.title}
        </Typography.Title>
        <Typography.Text type="secondary">{c.organization_name}</Typography.Text>
        {c.photo_ids.length > 0 && (
          <Image.PreviewGroup>
            <Flex gap={8} wrap>
              {c.photo_ids.slice(0, 4).map((id) => (
                <Image key={id} src={publicPhotoUrl(id)} width={88} height={66} style={{ objectFit: 'cover', borderRadius: 4 }} alt={c.title} />
              ))}
            </Flex>
          </Image.PreviewGroup>
        )}
        <Figures
          columns={3}
          items={[
            { label: t('showcase.projects'), value: c.figures.projects },
            { label: t('showcase.landedProjects'), value: c.figures.landed_projects },
            { label: t('showcase.counties'), value: c.figures.counties_reached },
            { label: t('showcase.beneficiaries'), value: c.figures.beneficiaries_reached },
            { label: t('showcase.fundsShort'), value: formatMoney(c.figures.funds_in_place) },
          ]}
        />
        {parts.length > 0 && (
          <Collapse
            size="small"
            data-testid="showcase-case-story"
            items={parts.map((k) => ({
              key: k,
              label: t(`showcase.${k}`),
              children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c[k]}</Typography.Paragraph>,
            }))}
          />
        )}
      </Flex>
    </Card>
  );
}

import { Card, Flex, Tag } from 'antd';
import { CrownOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { selectionKeys } from '../../api/queryKeys';

/**
 * 荣誉: the published selections (选树) this organization or brand was selected in, newest first,
 * each linking to its selection. Nothing is shown before the first honor.
 */
export function HonorsCard({ subjectId, size }: { subjectId: string; size?: 'small' }) {
  const { t } = useTranslation();
  const honors = useQuery({
    queryKey: selectionKeys.honors(subjectId),
    queryFn: () => unwrap(api.GET('/api/v1/selections', { params: { query: { subject: subjectId, limit: 50 } } })),
    select: (page) => [...page.items].sort((a, b) => b.year - a.year),
  });
  if (!honors.data || honors.data.length === 0) return null;
  return (
    <Card title={t('selections.honors.title')} size={size} data-testid="honors-card">
      <Flex gap={8} wrap>
        {honors.data.map((s) => (
          <Link key={s.id} to={`/selections/${s.id}`} data-testid="honor">
            <Tag icon={<CrownOutlined />} color="gold" style={{ fontSize: 14, padding: '4px 10px', marginInlineEnd: 0 }}>
              {s.title}
            </Tag>
          </Link>
        ))}
      </Flex>
    </Card>
  );
}

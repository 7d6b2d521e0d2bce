import { Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Framework } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { ErrorState, LoadingState } from '../../components/states';
import { useFrameworks } from './api';
import { FrameworkStatusTag } from './EvaluationTags';

/** Every version of the framework's lineage (`?lineage=`), newest first; the one shown is marked. */
export function FrameworkVersions({ framework }: { framework: Framework }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const versions = useFrameworks({ lineage: framework.lineage_id, limit: 100 });
  const items = [...(versions.data?.items ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Card size="small" title={t('evaluation.framework.versions')} data-testid="framework-versions">
      {versions.isPending ? (
        <LoadingState />
      ) : versions.isError ? (
        <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(v) => (
            <List.Item data-testid="framework-version-item" style={{ paddingInline: 0 }}>
              <Space size={8} wrap>
                <Tag color={v.id === framework.id ? 'blue' : undefined}>v{v.version}</Tag>
                {v.id === framework.id ? (
                  <Typography.Text strong>{t('evaluation.framework.thisVersion')}</Typography.Text>
                ) : (
                  <Link to={`/evaluation/frameworks/${v.id}`}>{v.name}</Link>
                )}
                <FrameworkStatusTag status={v.status} testId="framework-version-status" />
                <Typography.Text type="secondary">{formatDateTime(v.updated_at)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

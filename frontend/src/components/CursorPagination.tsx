import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function CursorPagination({
  page,
  hasPrev,
  hasNext,
  total,
  onPrev,
  onNext,
}: {
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  total?: number | null;
  onPrev: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Flex justify="flex-end" align="center" gap={12} style={{ marginTop: 16 }}>
      {total != null && <Typography.Text data-testid="list-total">{t('common.total', { count: total })}</Typography.Text>}
      <Typography.Text type="secondary">{t('common.page', { page })}</Typography.Text>
      <Button onClick={onPrev} disabled={!hasPrev}>
        {t('common.prevPage')}
      </Button>
      <Button onClick={onNext} disabled={!hasNext}>
        {t('common.nextPage')}
      </Button>
    </Flex>
  );
}

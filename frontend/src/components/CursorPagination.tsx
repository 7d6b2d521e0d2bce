import { Button, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZES } from './listTable';

/**
 * Keyset paging: 上一页 / 下一页 and, with `onFirst`, back to the first page. A keyset list cannot
 * jump to page 7 without reading pages 1–6, so it shows where the reader is and how many rows
 * match instead of page links.
 */
export function CursorPagination({
  page,
  hasPrev,
  hasNext,
  total,
  onPrev,
  onNext,
  onFirst,
  pageSize,
  onPageSize,
}: {
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  total?: number | null;
  onPrev: () => void;
  onNext: () => void;
  onFirst?: () => void;
  pageSize?: number;
  onPageSize?: (size: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Flex justify="flex-end" align="center" gap={12} wrap style={{ marginTop: 16 }}>
      {total != null && <Typography.Text data-testid="list-total">{t('common.total', { count: total })}</Typography.Text>}
      <Typography.Text type="secondary" data-testid="list-page">
        {t('common.page', { page })}
      </Typography.Text>
      {pageSize != null && onPageSize && (
        <Select<number>
          aria-label={t('table.pageSize')}
          data-testid="list-page-size"
          style={{ width: 110 }}
          value={pageSize}
          onChange={onPageSize}
          options={PAGE_SIZES.map((n) => ({ value: n, label: t('table.perPage', { count: n }) }))}
        />
      )}
      {onFirst && (
        <Button onClick={onFirst} disabled={!hasPrev} data-testid="list-first-page">
          {t('table.firstPage')}
        </Button>
      )}
      <Button onClick={onPrev} disabled={!hasPrev} data-testid="list-prev-page">
        {t('common.prevPage')}
      </Button>
      <Button onClick={onNext} disabled={!hasNext} data-testid="list-next-page">
        {t('common.nextPage')}
      </Button>
    </Flex>
  );
}

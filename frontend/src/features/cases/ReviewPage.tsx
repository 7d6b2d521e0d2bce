import { App, Flex, Segmented, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import type { Case, CaseLine, CaseStatus } from '../../api/types';
import { CursorPagination } from '../../components/CursorPagination';
import { useFormatMoney } from '../../components/money';
import { PageHeader } from '../../components/PageHeader';
import { useProvinceName } from '../../components/referenceData';
import { EmptyState, ErrorState } from '../../components/states';
import { useCursorPager } from '../../components/useCursorPager';
import { useCases, useCollections, useReviewCase } from './api';
import { CASE_PAGE_SIZE } from './caseFilters';
import { REVIEW_TABS, type ReviewTab } from './caseLogic';
import { CaseLineTag } from './CaseTags';
import { CasesTabs } from './CasesTabs';
import { CaseTransitionButtons } from './CaseTransitionButtons';

/**
 * 评审: the submitted and shortlisted cases in the caller's scope (a province's organizations for
 * its officer, every case for national admins), each with the moves the server allows here.
 */
export function ReviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const tab: ReviewTab = REVIEW_TABS.find((s) => s === params.get('status')) ?? 'submitted';
  const collection = params.get('collection') || undefined;
  const pager = useCursorPager(`${tab}|${collection ?? ''}`);
  const cases = useCases({ status: tab, collection, limit: CASE_PAGE_SIZE, cursor: pager.cursor ?? undefined, count: true });
  const collections = useCollections();
  const review = useReviewCase();
  const provinceName = useProvinceName();
  const formatMoney = useFormatMoney();

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };

  const onMove = (item: Case) => (to: CaseStatus, reason: string | undefined) =>
    review
      .mutateAsync({ item, body: { to, ...(reason ? { reason } : {}) } })
      .then(() => void message.success(t('cases.moved', { status: t(`cases.statuses.${to}`) })))
      .catch((e: unknown) => {
        void (e instanceof ApiError && e.status === 412 ? message.warning(t('error.stale')) : message.error(problemMessage(e, t)));
        throw e;
      });

  const columns: ColumnsType<Case> = [
    {
      title: t('cases.name'),
      dataIndex: 'title',
      render: (title: string, c) => (
        <div style={{ minWidth: 160, maxWidth: 280 }}>
          <Link to={`/cases/${c.id}`}>{title}</Link>
        </div>
      ),
    },
    { title: t('cases.organization'), dataIndex: 'organization_name' },
    { title: t('cases.province'), dataIndex: 'province_code', render: (code: string) => provinceName(code) },
    { title: t('cases.line'), dataIndex: 'line', render: (l: CaseLine) => <CaseLineTag line={l} /> },
    { title: t('cases.figures.projects'), align: 'right', render: (_, c) => c.figures.projects },
    { title: t('cases.figures.fundsInPlace'), align: 'right', render: (_, c) => formatMoney(c.figures.funds_in_place) },
    {
      title: t('common.actions'),
      key: 'actions',
      // the moves stay in view when the table scrolls sideways (a phone)
      fixed: 'right',
      render: (_, c) => (
        <CaseTransitionButtons
          item={c}
          size="small"
          pending={review.isPending && review.variables?.item.id === c.id}
          onMove={onMove(c)}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('cases.review.title')} subTitle={t('cases.review.subtitle')} />
      <CasesTabs active="review" />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Segmented<ReviewTab>
          data-testid="review-tab"
          value={tab}
          onChange={(v) => set({ status: v === 'submitted' ? undefined : v })}
          options={REVIEW_TABS.map((s) => ({ value: s, label: t(`cases.review.${s}`) }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('cases.collection')}
          placeholder={t('cases.collection')}
          style={{ width: 240 }}
          value={collection}
          onChange={(v?: string) => set({ collection: v })}
          options={collections.data?.items.map((c) => ({ value: c.id, label: `${c.year} · ${c.title}` }))}
        />
      </Flex>
      {cases.isError ? (
        <ErrorState error={cases.error} onRetry={() => void cases.refetch()} />
      ) : (
        <>
          <Table<Case>
            data-testid="review-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={cases.data?.items}
            loading={cases.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: cases.isPending ? ' ' : <EmptyState description={t('cases.review.empty')} /> }}
          />
          <CursorPagination
            page={pager.page}
            hasPrev={pager.hasPrev}
            hasNext={!!cases.data?.next_cursor && !cases.isPlaceholderData}
            total={cases.data?.total}
            onPrev={pager.prev}
            onNext={() => pager.next(cases.data?.next_cursor)}
          />
        </>
      )}
    </>
  );
}

import { App, Flex, Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import type { Case, CaseLine, CaseStatus } from '../../api/types';
import { useFormatMoney } from '../../components/money';
import { PageHeader } from '../../components/PageHeader';
import { useProvinceName } from '../../components/referenceData';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useCases, useCollections, useReviewCase } from './api';
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
  const table = useListTable('case-review', `${tab}|${collection ?? ''}`);
  const cases = useCases({ status: tab, collection, limit: table.limit, cursor: table.cursor, count: true });
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

  const columns: ListColumn<Case>[] = [
    {
      key: 'title',
      always: true,
      title: t('cases.name'),
      dataIndex: 'title',
      render: (title: string, c) => (
        <div style={{ minWidth: 160, maxWidth: 280 }}>
          <Link to={`/cases/${c.id}`}>{title}</Link>
        </div>
      ),
    },
    { key: 'organization', title: t('cases.organization'), dataIndex: 'organization_name' },
    { key: 'province', title: t('cases.province'), responsive: ['md'], dataIndex: 'province_code', render: (code: string) => provinceName(code) },
    { key: 'line', title: t('cases.line'), responsive: ['md'], dataIndex: 'line', render: (l: CaseLine) => <CaseLineTag line={l} /> },
    { key: 'projects', title: t('cases.figures.projects'), responsive: ['md'], align: 'right', render: (_, c) => c.figures.projects },
    { key: 'funds_in_place', title: t('cases.figures.fundsInPlace'), responsive: ['md'], align: 'right', render: (_, c) => formatMoney(c.figures.funds_in_place) },
    {
      key: 'actions',
      always: true,
      noExport: true,
      title: t('common.actions'),
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
      <ListTable<Case>
        table={table}
        query={cases}
        testId="review-table"
        rowKey="id"
        columns={columns}
        emptyText={t('cases.review.empty')}
      />
    </>
  );
}

import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProjectSummary } from '../../api/types';
import { CursorPagination } from '../../components/CursorPagination';
import { ProjectStatusTag } from '../../components/EnumTags';
import { useFormatMoney } from '../../components/money';
import { EmptyState, ErrorState } from '../../components/states';
import { useCursorPager } from '../../components/useCursorPager';
import { useBrandProjects } from './api';

/** The projects carrying the brand that the reader may see, most recently changed first. */
export function BrandProjectsTable({ brandId }: { brandId: string }) {
  const { t } = useTranslation();
  const pager = useCursorPager(brandId);
  const projects = useBrandProjects(brandId, pager.cursor);
  const formatMoney = useFormatMoney();
  if (projects.isError) return <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />;
  return (
    <>
      <Table<ProjectSummary>
        data-testid="brand-projects"
        rowKey="id"
        size="small"
        loading={projects.isFetching}
        pagination={false}
        dataSource={projects.data?.items}
        scroll={{ x: 640 }}
        locale={{ emptyText: projects.isPending ? ' ' : <EmptyState description={t('brand.noProjects')} /> }}
        columns={[
          { title: t('project.name'), dataIndex: 'title', render: (title: string, p) => <Link to={`/projects/${p.id}`}>{title}</Link> },
          { title: t('project.county'), dataIndex: 'county_name', render: (name: string, p) => `${name}（${p.county_code}）` },
          { title: t('project.status'), dataIndex: 'status', render: (s: ProjectSummary['status']) => <ProjectStatusTag status={s} /> },
          { title: t('project.fundsInPlace'), dataIndex: 'funds_in_place', align: 'right', render: (v: string) => formatMoney(v) },
          { title: t('project.beneficiariesReached'), dataIndex: 'beneficiaries_reached', align: 'right' },
        ]}
      />
      {(pager.hasPrev || projects.data?.next_cursor) && (
        <CursorPagination
          page={pager.page}
          hasPrev={pager.hasPrev}
          hasNext={!!projects.data?.next_cursor && !projects.isPlaceholderData}
          onPrev={pager.prev}
          onNext={() => pager.next(projects.data?.next_cursor)}
        />
      )}
    </>
  );
}

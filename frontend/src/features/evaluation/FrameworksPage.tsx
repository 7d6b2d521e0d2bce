import { Button, Flex, Select, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { FRAMEWORK_STATUSES, SUBJECT_TYPES, type Framework, type FrameworkStatus, type SubjectType } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useCurrentUser } from '../../session/context';
import { canManageEvaluation } from '../../session/roles';
import { useFrameworks } from './api';
import { FrameworkStatusTag, SubjectTypeTag } from './EvaluationTags';
import { frameworkFilters, frameworkSearch, type FrameworkFilters } from './filters';

/** 指标体系: every framework version, most recently changed first, filtered by status and subject type. */
export function FrameworksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const formatDateTime = useFormatDateTime();
  const [params, setParams] = useSearchParams();
  const filters = frameworkFilters(params);
  const table = useListTable('indicator-frameworks', frameworkSearch(filters).toString());
  const frameworks = useFrameworks({ ...filters, limit: table.limit, cursor: table.cursor });
  const update = (patch: Partial<FrameworkFilters>) => setParams(frameworkSearch({ ...filters, ...patch }));

  const columns: ListColumn<Framework>[] = [
    {
      key: 'name',
      always: true,
      title: t('evaluation.framework.name'),
      dataIndex: 'name',
      render: (name: string, f) => (
        <Link to={`/evaluation/frameworks/${f.id}`} onClick={(e) => e.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    {
      key: 'version',
      always: true,
      title: t('evaluation.framework.version'),
      dataIndex: 'version',
      render: (v: number) => <Tag data-testid="framework-version">v{v}</Tag>,
    },
    { key: 'subject_type', title: t('evaluation.subjectType'), dataIndex: 'subject_type', render: (s: SubjectType) => <SubjectTypeTag type={s} /> },
    { key: 'status', always: true, title: t('evaluation.status'), dataIndex: 'status', render: (s: FrameworkStatus) => <FrameworkStatusTag status={s} /> },
    {
      key: 'size',
      title: t('evaluation.framework.size'),
      responsive: ['md'],
      render: (_, f) =>
        t('evaluation.framework.sizeValue', { dimensions: f.tree.dimensions.length, indicators: f.tree.dimensions.reduce((s, d) => s + d.indicators.length, 0) }),
    },
    { key: 'updated_at', title: t('evaluation.updatedAt'), dataIndex: 'updated_at', responsive: ['md'], render: (at: string) => formatDateTime(at) },
  ];

  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <PageHeader
        title={t('evaluation.framework.title')}
        subTitle={t('evaluation.framework.subtitle')}
        extra={
          canManageEvaluation(user.role) && (
            <Link to="/evaluation/frameworks/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="framework-create">
                {t('evaluation.framework.create')}
              </Button>
            </Link>
          )
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Select
          allowClear
          aria-label={t('evaluation.status')}
          data-testid="framework-filter-status"
          placeholder={t('evaluation.status')}
          style={{ width: 140 }}
          value={filters.status}
          onChange={(v?: FrameworkStatus) => update({ status: v })}
          options={FRAMEWORK_STATUSES.map((s) => ({ value: s, label: t(`evaluation.framework.statuses.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('evaluation.subjectType')}
          data-testid="framework-filter-subject"
          placeholder={t('evaluation.subjectType')}
          style={{ width: 140 }}
          value={filters.subject_type}
          onChange={(v?: SubjectType) => update({ subject_type: v })}
          options={SUBJECT_TYPES.map((s) => ({ value: s, label: t(`evaluation.subjectTypes.${s}`) }))}
        />
      </Flex>
      <ListTable<Framework>
        table={table}
        query={frameworks}
        testId="framework-table"
        rowKey="id"
        columns={columns}
        emptyText={filtered ? t('evaluation.framework.emptyFiltered') : t('evaluation.framework.empty')}
        onRow={(f) => ({ onClick: () => navigate(`/evaluation/frameworks/${f.id}`), style: { cursor: 'pointer' } })}
      />
    </>
  );
}

import { Button, Flex, Input, Select, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ORGANIZER_LEVELS, TRAINING_STATUSES, type OrganizerLevel, type Training, type TrainingMode, type TrainingStatus } from '../../api/types';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { OrganizerLevelTag, TrainingDates, TrainingStatusTag } from '../../components/trainings/TrainingTags';
import { useCurrentUser } from '../../session/context';
import { exportTrainings, useTrainings } from './api';
import { filtersFromSearch, filtersToSearch, trainingListQuery, yearOptions, type TrainingFilters } from './trainingFilters';
import { canOrganizeTrainings } from './trainingLogic';

/** 组织培训: every training, latest start first, filtered in the URL; 计划培训 for the organizers. */
export function TrainingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const table = useListTable('trainings', filtersToSearch(filters).toString());
  const query = trainingListQuery(filters, table.cursor, table.limit);
  const trainings = useTrainings(query);

  const update = (patch: Partial<TrainingFilters>) => setParams(filtersToSearch({ ...filters, ...patch }));

  const columns: ListColumn<Training>[] = [
    {
      key: 'title',
      always: true,
      title: t('trainings.name'),
      dataIndex: 'title',
      render: (title: string, tr) => (
        <Link to={`/trainings/${tr.id}`} onClick={(e) => e.stopPropagation()}>
          {title}
        </Link>
      ),
    },
    { key: 'level', title: t('trainings.level'), dataIndex: 'organizer_level', render: (l: OrganizerLevel) => <OrganizerLevelTag level={l} /> },
    { key: 'organizer', title: t('trainings.organizer'), responsive: ['md'], dataIndex: 'organizer' },
    { key: 'dates', title: t('trainings.dates'), render: (_, tr) => <TrainingDates training={tr} /> },
    { key: 'mode', title: t('trainings.mode'), responsive: ['md'], dataIndex: 'mode', render: (m: TrainingMode) => t(`trainings.modes.${m}`) },
    { key: 'status', always: true, title: t('trainings.status'), dataIndex: 'status', render: (s: TrainingStatus) => <TrainingStatusTag status={s} /> },
    { key: 'organizations', title: t('trainings.organizations'), responsive: ['md'], align: 'right', dataIndex: 'organizations' },
    { key: 'head_count', title: t('trainings.headCount'), responsive: ['md'], align: 'right', dataIndex: 'head_count' },
  ];

  const filtered = Object.keys(filters).length > 0;

  return (
    <>
      <PageHeader
        title={t('trainings.title')}
        subTitle={t('trainings.subtitle')}
        extra={
          <Flex gap={8} wrap>
            <ExportButtons testId="training-export" run={(format, watch) => exportTrainings(format, query, watch)} />
            {canOrganizeTrainings(user.role) && (
              <Link to="/trainings/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="training-create">
                  {t('trainings.create')}
                </Button>
              </Link>
            )}
          </Flex>
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Input.Search
          key={filters.q ?? ''}
          allowClear
          aria-label={t('common.search')}
          data-testid="training-search"
          placeholder={t('trainings.searchPlaceholder')}
          defaultValue={filters.q}
          style={{ width: 220, maxWidth: '100%' }}
          onSearch={(v) => update({ q: v.trim() || undefined })}
        />
        <Select
          allowClear
          aria-label={t('trainings.year')}
          data-testid="training-filter-year"
          placeholder={t('trainings.year')}
          style={{ width: 110 }}
          value={filters.year}
          onChange={(v?: number) => update({ year: v })}
          options={yearOptions(new Date().getFullYear(), filters.year ?? undefined).map((y) => ({ value: y, label: t('trainings.yearOption', { year: y }) }))}
        />
        <Select
          allowClear
          aria-label={t('trainings.level')}
          data-testid="training-filter-level"
          placeholder={t('trainings.level')}
          style={{ width: 110 }}
          value={filters.level}
          onChange={(v?: OrganizerLevel) => update({ level: v })}
          options={ORGANIZER_LEVELS.map((l) => ({ value: l, label: t(`trainings.levels.${l}`) }))}
        />
        <Select
          allowClear
          aria-label={t('trainings.status')}
          data-testid="training-filter-status"
          placeholder={t('trainings.status')}
          style={{ width: 110 }}
          value={filters.status}
          onChange={(v?: TrainingStatus) => update({ status: v })}
          options={TRAINING_STATUSES.map((s) => ({ value: s, label: t(`trainings.statuses.${s}`) }))}
        />
        {filters.organization && (
          <Tag closable onClose={() => update({ organization: undefined })} data-testid="training-scope-organization">
            {t('trainings.scopeOrganization')}
          </Tag>
        )}
      </Flex>
      <ListTable<Training>
        table={table}
        query={trainings}
        testId="training-table"
        rowKey="id"
        columns={columns}
        selectable
        emptyText={filtered ? t('trainings.emptyFiltered') : t('trainings.empty')}
        onRow={(tr) => ({ onClick: () => navigate(`/trainings/${tr.id}`), style: { cursor: 'pointer' } })}
      />
    </>
  );
}

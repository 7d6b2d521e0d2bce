import { Button, Flex, InputNumber, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ROUND_STATUSES, SUBJECT_TYPES, type Round, type RoundStatus, type SubjectType } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useCurrentUser } from '../../session/context';
import { canManageEvaluation } from '../../session/roles';
import { useRounds } from './api';
import { RoundStatusTag, SubjectTypeTag } from './EvaluationTags';
import { roundFilters, roundSearch, type RoundFilters } from './filters';

/** 评估轮次: every round the caller may see (national admins all of them), most recently changed first. */
export function RoundsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const formatDateTime = useFormatDateTime();
  const [params, setParams] = useSearchParams();
  const filters = roundFilters(params);
  const table = useListTable('evaluation-rounds', roundSearch(filters).toString());
  const rounds = useRounds({ ...filters, limit: table.limit, cursor: table.cursor });
  const update = (patch: Partial<RoundFilters>) => setParams(roundSearch({ ...filters, ...patch }));

  const columns: ListColumn<Round>[] = [
    {
      key: 'name',
      always: true,
      title: t('evaluation.round.name'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <Link to={`/evaluation/rounds/${r.id}`} onClick={(e) => e.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    { key: 'year', title: t('evaluation.round.year'), dataIndex: 'year' },
    { key: 'framework', title: t('evaluation.round.framework'), responsive: ['md'], render: (_, r) => `${r.framework_name} v${r.framework_version}` },
    { key: 'subject_type', title: t('evaluation.subjectType'), dataIndex: 'subject_type', render: (s: SubjectType) => <SubjectTypeTag type={s} /> },
    { key: 'status', always: true, title: t('evaluation.status'), dataIndex: 'status', render: (s: RoundStatus) => <RoundStatusTag status={s} /> },
    { key: 'updated_at', title: t('evaluation.updatedAt'), dataIndex: 'updated_at', responsive: ['md'], render: (at: string) => formatDateTime(at) },
  ];

  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <PageHeader
        title={t('evaluation.round.title')}
        subTitle={t('evaluation.round.subtitle')}
        extra={
          canManageEvaluation(user.role) && (
            <Link to="/evaluation/rounds/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="round-create">
                {t('evaluation.round.create')}
              </Button>
            </Link>
          )
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <InputNumber
          key={filters.year ?? ''}
          aria-label={t('evaluation.round.year')}
          data-testid="round-filter-year"
          placeholder={t('evaluation.round.year')}
          min={2021}
          max={2100}
          precision={0}
          style={{ width: 120 }}
          defaultValue={filters.year}
          onBlur={(e) => {
            const y = Number(e.target.value);
            update({ year: e.target.value && Number.isInteger(y) ? y : undefined });
          }}
          onPressEnter={(e) => {
            const raw = (e.target as HTMLInputElement).value;
            const y = Number(raw);
            update({ year: raw && Number.isInteger(y) ? y : undefined });
          }}
        />
        <Select
          allowClear
          aria-label={t('evaluation.status')}
          data-testid="round-filter-status"
          placeholder={t('evaluation.status')}
          style={{ width: 140 }}
          value={filters.status}
          onChange={(v?: RoundStatus) => update({ status: v })}
          options={ROUND_STATUSES.map((s) => ({ value: s, label: t(`evaluation.round.statuses.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('evaluation.subjectType')}
          data-testid="round-filter-subject"
          placeholder={t('evaluation.subjectType')}
          style={{ width: 140 }}
          value={filters.subject_type}
          onChange={(v?: SubjectType) => update({ subject_type: v })}
          options={SUBJECT_TYPES.map((s) => ({ value: s, label: t(`evaluation.subjectTypes.${s}`) }))}
        />
      </Flex>
      <ListTable<Round>
        table={table}
        query={rounds}
        testId="round-table"
        rowKey="id"
        columns={columns}
        emptyText={filtered ? t('evaluation.round.emptyFiltered') : t('evaluation.round.empty')}
        onRow={(r) => ({ onClick: () => navigate(`/evaluation/rounds/${r.id}`), style: { cursor: 'pointer' } })}
      />
    </>
  );
}

import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, List, Popconfirm, Row, Segmented, Space, Table, Typography, type ButtonProps } from 'antd';
import { ArrowLeftOutlined, CrownOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import type { Nomination, NominationStatus, NomineeResult, Selection, SelectionStatus } from '../../api/types';
import { DetailFields } from '../../components/DetailFields';
import { useFormatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { useProvinceName } from '../../components/referenceData';
import { EmptyState, ErrorState, QueryState } from '../../components/states';
import { StatusTimeline } from '../../components/StatusTimeline';
import { useCurrentUser } from '../../session/context';
import { canManageSelections, canNominate } from '../../session/roles';
import { useMoveNomination, useNominations, useRoundName, useSelection, useTransitionSelection } from './api';
import { NominateModal } from './NominateModal';
import {
  filterNominations,
  nominationCounts,
  nominationMoveKey,
  nominationReasonRequired,
  nomineePath,
  selectedOf,
  selectionReasonRequired,
  type NominationFilter,
} from './selectionLogic';
import { NominationStatusTag, SelectionKindTag, SelectionStatusTag } from './SelectionTags';

/** 选树看板: the nominations beside the one being looked at, its decision, and the selection's moves. */
export function SelectionBoardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const selection = useSelection(id);
  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('selections.title'), to: '/selections' }]}
        title={selection.data ? selection.data.data.title : t('selections.boardTitle')}
        subTitle={selection.data ? `${selection.data.data.year} · ${t(`selections.kinds.${selection.data.data.kind}`)}` : undefined}
        extra={
          <Link to="/selections">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <QueryState query={selection}>{({ data, etag }) => <Board selection={data} etag={etag ?? ''} />}</QueryState>
    </>
  );
}

function Board({ selection: s, etag }: { selection: Selection; etag: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const nominations = useNominations(s.id);
  const move = useTransitionSelection(s.id);
  const roundName = useRoundName(s.evaluation_round_id, canManageSelections(user.role));
  const [nominating, setNominating] = useState(false);
  const [reopening, setReopening] = useState(false);
  const items = nominations.data?.items ?? [];

  const transition = (to: SelectionStatus, reason?: string) =>
    move
      .mutateAsync({ body: { to, ...(reason ? { reason } : {}) }, etag })
      .then(() => void message.success(t('selections.moved', { status: t(`selections.statuses.${to}`) })))
      .catch((e: unknown) => {
        // 409 on publishing says how many nominations are still undecided
        void (e instanceof ApiError && e.status === 412 ? message.warning(t('error.stale')) : message.error(problemMessage(e, t)));
        throw e;
      });

  const moveButton = (to: SelectionStatus) => {
    const label = t(`selections.transition.${to}`);
    if (selectionReasonRequired(s.status, to)) {
      return (
        <Button key={to} onClick={() => setReopening(true)} data-testid={`selection-transition-${to}`}>
          {label}
        </Button>
      );
    }
    return (
      <Popconfirm
        key={to}
        title={label}
        description={t(`selections.transitionHint.${to}`)}
        okText={label}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'selection-transition-confirm' } as ButtonProps}
        onConfirm={() => transition(to).catch(() => undefined)}
      >
        <Button type="primary" loading={move.isPending && move.variables?.body.to === to} data-testid={`selection-transition-${to}`}>
          {label}
        </Button>
      </Popconfirm>
    );
  };

  return (
    <Flex vertical gap={16}>
      <Card size="small" data-testid="selection-summary">
        <Flex gap={16} wrap align="center" justify="space-between">
          <Space size={[8, 4]} wrap>
            <SelectionStatusTag status={s.status} />
            <SelectionKindTag kind={s.kind} />
            <Typography.Text type="secondary" data-testid="selection-counts">
              {t('selections.counts', { nominations: s.nominations, selected: s.selected })}
            </Typography.Text>
            {s.evaluation_round_id && (
              <Typography.Text type="secondary" data-testid="selection-round-name">
                {t('selections.roundLabel', { name: roundName ?? t('selections.roundUnreadable') })}
              </Typography.Text>
            )}
          </Space>
          <Space wrap>
            {s.status === 'nominating' && canNominate(user.role) && (
              <Button icon={<PlusOutlined />} onClick={() => setNominating(true)} data-testid="nominate">
                {t('selections.nominate')}
              </Button>
            )}
            {s.allowed_transitions.map(moveButton)}
          </Space>
        </Flex>
      </Card>
      {s.status === 'published' && <SelectedCard selection={s} items={items} />}
      {nominations.isError ? (
        <ErrorState error={nominations.error} onRetry={() => void nominations.refetch()} />
      ) : (
        <Nominations selection={s} items={items} loading={nominations.isPending} />
      )}
      {s.history.length > 0 && (
        <Card size="small" title={t('selections.history')}>
          <StatusTimeline
            testId="selection-history"
            events={s.history}
            createdLabel={t('selections.historyCreated')}
            label={(st) => t(`selections.statuses.${st}`)}
            color={(st) => (st === 'published' ? 'green' : st === 'reviewing' ? 'orange' : 'blue')}
          />
        </Card>
      )}
      {nominating && <NominateModal selection={s} onClose={() => setNominating(false)} />}
      <ReasonModal
        open={reopening}
        title={t('selections.transition.nominating')}
        label={t('selections.reopenReason')}
        requiredMessage={t('selections.decisionReasonRequired')}
        pending={move.isPending}
        onCancel={() => setReopening(false)}
        onSubmit={async (reason) => {
          await transition('nominating', reason);
          setReopening(false);
        }}
      />
    </Flex>
  );
}

/** The place in the evaluation round: 第 2 / 15 名 · 86.4 分. */
function ResultText({ result }: { result?: NomineeResult | null }) {
  const { t } = useTranslation();
  if (!result) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span data-testid="nomination-result">{t('selections.result', { rank: result.rank, subjects: result.subjects, total: result.total.toFixed(1) })}</span>;
}

function Nominations({ selection: s, items, loading }: { selection: Selection; items: Nomination[]; loading: boolean }) {
  const { t } = useTranslation();
  const provinceName = useProvinceName();
  const [filter, setFilter] = useState<NominationFilter>('all');
  const [picked, setPicked] = useState<string | null>(null);
  const counts = nominationCounts(items);
  const rows = filterNominations(items, filter);
  // the panel shows the row picked, or the first one shown
  const current = rows.find((n) => n.id === picked) ?? rows[0];
  const filters: NominationFilter[] = ['all', 'undecided', 'selected', 'not_selected', 'withdrawn'];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card
          size="small"
          title={t('selections.nominations')}
          extra={
            <Segmented<NominationFilter>
              size="small"
              value={filter}
              onChange={setFilter}
              options={filters.map((f) => ({ value: f, label: `${t(`selections.filter.${f}`)} ${counts[f]}` }))}
              data-testid="nomination-filter"
            />
          }
        >
          <Table<Nomination>
            data-testid="nomination-table"
            size="small"
            rowKey="id"
            loading={loading}
            pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            dataSource={rows}
            locale={{ emptyText: loading ? ' ' : <EmptyState description={s.status === 'nominating' ? t('selections.noNominationsYet') : t('selections.noNominations')} /> }}
            onRow={(n) => ({
              onClick: () => setPicked(n.id),
              style: { cursor: 'pointer', background: current?.id === n.id ? '#e6f4ff' : undefined },
              'data-current': current?.id === n.id || undefined,
            })}
            columns={[
              { title: t(`selections.nominee.${s.kind}`), dataIndex: 'subject_name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
              { title: t('selections.province'), dataIndex: 'province_code', responsive: ['sm'], render: (c: string) => provinceName(c) },
              {
                title: t('selections.reason'),
                dataIndex: 'reason',
                responsive: ['xxl'],
                render: (r: string) => (
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 240 }}>
                    {r}
                  </Typography.Paragraph>
                ),
              },
              { title: t('selections.nominatedBy'), dataIndex: 'nominated_by', responsive: ['xl'] },
              { title: t('selections.status'), dataIndex: 'status', render: (st: NominationStatus) => <NominationStatusTag status={st} /> },
              { title: t('selections.resultCol'), dataIndex: 'result', render: (r: NomineeResult | null | undefined) => <ResultText result={r} /> },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <div style={{ position: 'sticky', top: 16 }}>
          {current ? <NomineePanel key={current.id} selection={s} nomination={current} /> : <Card size="small" title={t('selections.nominee.title')}><Empty description={t('selections.pickNominee')} /></Card>}
        </div>
      </Col>
    </Row>
  );
}

/** The nominee looked at: why it was nominated, its evaluation result, its page, and the decision. */
function NomineePanel({ selection: s, nomination: n }: { selection: Selection; nomination: Nomination }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const provinceName = useProvinceName();
  const formatDateTime = useFormatDateTime();
  const move = useMoveNomination(s.id);
  const [target, setTarget] = useState<NominationStatus | null>(null);

  const decide = (to: NominationStatus, reason: string) =>
    move
      .mutateAsync({ nomination: n, body: { to, ...(reason ? { reason } : {}) } })
      .then(() => void message.success(t('selections.decided', { name: n.subject_name, status: t(`selections.nominationStatuses.${to}`) })))
      .catch((e: unknown) => {
        void (e instanceof ApiError && e.status === 412 ? message.warning(t('selections.nominationChanged')) : message.error(problemMessage(e, t)));
        throw e;
      });

  return (
    <Card size="small" title={t('selections.nominee.title')} data-testid="nominee-panel">
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="nominee-name">
            {n.subject_name}
          </Typography.Title>
          <NominationStatusTag status={n.status} />
        </Flex>
        <DetailFields bordered size="small" column={1} styles={{ label: { width: 110 } }}>
          <Descriptions.Item label={t('selections.province')}>{provinceName(n.province_code)}</Descriptions.Item>
          <Descriptions.Item label={t('selections.reason')}>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{n.reason}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('selections.nominatedBy')}>
            {n.nominated_by} · {formatDateTime(n.created_at)}
          </Descriptions.Item>
          <Descriptions.Item label={t('selections.resultCol')}>
            <ResultText result={n.result} />
          </Descriptions.Item>
          {n.decision_reason ? (
            <Descriptions.Item label={n.status === 'withdrawn' ? t('selections.withdrawReason') : t('selections.decisionReason')}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="nominee-decision-reason">
                {n.decision_reason}
              </Typography.Paragraph>
            </Descriptions.Item>
          ) : null}
        </DetailFields>
        <Space wrap>
          <Link to={nomineePath(s.kind, n.subject_id)} data-testid="nominee-link">
            {t(`selections.openNominee.${s.kind}`)}
          </Link>
          {s.kind === 'well_known_brand' && <Link to={`/organizations/${n.organization_id}`}>{t('selections.openOwner')}</Link>}
        </Space>
        {n.allowed_transitions.length > 0 && (
          <Space wrap data-testid="nominee-actions">
            {n.allowed_transitions.map((to) => (
              <Button
                key={to}
                type={to === 'selected' ? 'primary' : 'default'}
                danger={to === 'not_selected' || to === 'withdrawn'}
                loading={move.isPending && move.variables?.body.to === to}
                onClick={() => setTarget(to)}
                data-testid={`nomination-${to}`}
              >
                {t(nominationMoveKey(to))}
              </Button>
            ))}
          </Space>
        )}
      </Flex>
      <ReasonModal
        open={!!target}
        title={target ? t(nominationMoveKey(target)) : ''}
        label={target === 'withdrawn' ? t('selections.withdrawReasonOptional') : t('selections.decisionReason')}
        hint={target ? t(`selections.decideHint.${target}`) : undefined}
        optional={!!target && !nominationReasonRequired(target)}
        requiredMessage={t('selections.decisionReasonRequired')}
        danger={target === 'not_selected' || target === 'withdrawn'}
        pending={move.isPending}
        onCancel={() => setTarget(null)}
        onSubmit={async (reason) => {
          if (!target) return;
          await decide(target, reason);
          setTarget(null);
        }}
      />
    </Card>
  );
}

/** 入选名单: once published, those selected, each linking to its page. */
function SelectedCard({ selection: s, items }: { selection: Selection; items: Nomination[] }) {
  const { t } = useTranslation();
  const provinceName = useProvinceName();
  const selected = selectedOf(items);
  return (
    <Card
      size="small"
      title={
        <Space>
          <CrownOutlined style={{ color: '#d4b106' }} />
          {t('selections.selectedList', { count: selected.length })}
        </Space>
      }
      data-testid="selected-list"
    >
      {selected.length === 0 ? (
        <EmptyState description={t('selections.noneSelected')} />
      ) : (
        <List
          grid={{ gutter: 12, xs: 1, sm: 2, lg: 3, xl: 4 }}
          dataSource={selected}
          renderItem={(n) => (
            <List.Item>
              <Card size="small" data-testid="selected-item">
                <Flex vertical gap={4}>
                  <Link to={nomineePath(s.kind, n.subject_id)}>
                    <Typography.Text strong>{n.subject_name}</Typography.Text>
                  </Link>
                  <Typography.Text type="secondary">{provinceName(n.province_code)}</Typography.Text>
                  {n.result && <ResultText result={n.result} />}
                </Flex>
              </Card>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

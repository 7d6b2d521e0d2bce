import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Progress, Row, Statistic, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import type { Round, RoundProgress, RoundStatus } from '../../api/types';
import { DetailFields } from '../../components/DetailFields';
import { useFormatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/states';
import { StatusTimeline } from '../../components/StatusTimeline';
import { useCurrentUser } from '../../session/context';
import { canManageEvaluation } from '../../session/roles';
import { isJobRunning, useJob, useRound, useSnapshotRound, useTransitionRound } from './api';
import { AssignmentsPanel } from './AssignmentsPanel';
import { ROUND_STATUS_COLOR, RoundStatusTag, SubjectTypeTag } from './EvaluationTags';
import { timelineColor } from './FrameworkPage';
import { ResultsPanel } from './ResultsPanel';
import { hasResults, roundReasonRequired, roundTransitionKey, scoringCounts, scoringPercent } from './roundLogic';
import { TransitionButtons } from './TransitionButtons';

const TABS = ['assignments', 'results', 'history'] as const;
type Tab = (typeof TABS)[number];

/** One round: its moves, details, scoring progress, snapshot, experts, results and history. */
export function RoundPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [jobFinished, setJobFinished] = useState(false);
  const round = useRound(id, jobFinished);
  const r = round.data?.data;

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('evaluation.round.title'), to: '/evaluation/rounds' }]}
        title={r?.name ?? t('evaluation.round.detailTitle')}
        subTitle={r ? `${r.framework_name} v${r.framework_version}` : undefined}
        extra={
          <Link to="/evaluation/rounds">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <QueryState query={round}>
        {({ data, etag }) => <RoundBody round={data} etag={etag ?? ''} onJobFinished={setJobFinished} onReload={() => void round.refetch()} />}
      </QueryState>
    </>
  );
}

function RoundBody({ round: r, etag, onJobFinished, onReload }: { round: Round; etag: string; onJobFinished: (done: boolean) => void; onReload: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const admin = canManageEvaluation(user.role);
  const move = useTransitionRound(r.id);
  const [moveError, setMoveError] = useState<unknown>(null);
  const [params, setParams] = useSearchParams();
  const results = hasResults(r.status);
  // experts are assigned by national admins; the ranking exists once the round is closed
  const shown = TABS.filter((k) => (k === 'assignments' ? admin : k === 'results' ? results : true));
  const asked = shown.find((k) => k === params.get('tab'));
  const tab: Tab = asked ?? (results ? 'results' : shown[0]);

  const onMove = (to: RoundStatus, reason: string | undefined) => {
    setMoveError(null);
    return move
      .mutateAsync({ body: { to, ...(reason ? { reason } : {}) }, etag })
      .then(() => void message.success(t('evaluation.round.moved', { status: t(`evaluation.round.statuses.${to}`) })))
      .catch((e: unknown) => {
        // 412: someone moved it first (it is read again); 409: not ready (the server says why)
        if (e instanceof ApiError && e.status === 412) void message.warning(t('error.stale'));
        else setMoveError(e);
        throw e;
      });
  };

  return (
    <Flex vertical gap={24}>
      <Card size="small" title={t('evaluation.actions')}>
        <Flex gap={12} wrap align="center">
          <RoundStatusTag status={r.status} />
          {admin && (
            <TransitionButtons<RoundStatus>
              moves={r.allowed_transitions}
              label={(to) => t(roundTransitionKey(r.status, to))}
              needsReason={(to) => roundReasonRequired(r.status, to)}
              reasonLabel={t('evaluation.round.reopenReason')}
              pending={move.isPending}
              testIdPrefix="round"
              onMove={onMove}
            />
          )}
          <Typography.Text type="secondary">{t(`evaluation.round.statusHints.${r.status}`)}</Typography.Text>
        </Flex>
        {moveError != null && (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setMoveError(null) }}
            data-testid="round-move-error"
            title={problemMessage(moveError, t)}
            style={{ marginTop: 12 }}
          />
        )}
      </Card>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={14}>
          <RoundDetails round={r} />
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            {r.progress && <ProgressCard progress={r.progress} status={r.status} />}
            <SnapshotCard round={r} admin={admin} onJobFinished={onJobFinished} onReload={onReload} />
          </Flex>
        </Col>
      </Row>
      <Tabs
        data-testid="round-tabs"
        activeKey={tab}
        onChange={(k) => {
          const next = new URLSearchParams(params);
          next.set('tab', k);
          setParams(next, { replace: true });
        }}
        items={[
          ...(admin ? [{ key: 'assignments', label: t('evaluation.round.tabAssignments'), children: <AssignmentsPanel round={r} /> }] : []),
          ...(results
            ? [
                {
                  key: 'results',
                  label: t('evaluation.round.tabResults'),
                  children: r.ranking_job_id ? <RankingRunning round={r} onReload={onReload} /> : <ResultsPanel round={r} />,
                },
              ]
            : []),
          {
            key: 'history',
            label: t('evaluation.history'),
            children: (
              <StatusTimeline
                testId="round-history"
                events={r.history}
                createdLabel={t('evaluation.round.timelineCreated')}
                label={(s) => t(`evaluation.round.statuses.${s}`)}
                color={(s) => timelineColor(ROUND_STATUS_COLOR[s as RoundStatus])}
              />
            ),
          },
        ]}
      />
    </Flex>
  );
}

function RoundDetails({ round: r }: { round: Round }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <DetailFields bordered size="small" column={{ xs: 1, md: 2 }} title={t('evaluation.details')} data-testid="round-detail" styles={{ label: { width: 140 } }}>
      <Descriptions.Item label={t('evaluation.round.framework')} span={{ xs: 1, md: 2 }}>
        <Link to={`/evaluation/frameworks/${r.framework_id}`}>
          {r.framework_name} v{r.framework_version}
        </Link>
      </Descriptions.Item>
      <Descriptions.Item label={t('evaluation.subjectType')}>
        <SubjectTypeTag type={r.subject_type} />
      </Descriptions.Item>
      <Descriptions.Item label={t('evaluation.round.subjectFilter')}>{t(`evaluation.filters.${r.subject_filter}`)}</Descriptions.Item>
      <Descriptions.Item label={t('evaluation.round.year')}>{r.year}</Descriptions.Item>
      <Descriptions.Item label={t('evaluation.round.period')}>
        {r.period_start} ~ {r.period_end}
      </Descriptions.Item>
      <Descriptions.Item label={t('evaluation.round.minEvaluators')}>{r.min_evaluators}</Descriptions.Item>
      <Descriptions.Item label={t('evaluation.round.publicTop')}>{r.public_top}</Descriptions.Item>
      <Descriptions.Item label={t('evaluation.updatedAt')} span={{ xs: 1, md: 2 }}>
        {formatDateTime(r.updated_at)}
      </Descriptions.Item>
    </DetailFields>
  );
}

/**
 * How far scoring has come (national admins only): subjects, those short of experts, and the
 * sheets submitted of those the round waits for (withdrawn and recused ones told apart).
 */
function ProgressCard({ progress: p, status }: { progress: RoundProgress; status: RoundStatus }) {
  const { t } = useTranslation();
  const c = scoringCounts(p);
  return (
    <Card size="small" title={t('evaluation.round.progress')} data-testid="round-progress">
      <Flex gap={24} wrap>
        <Statistic title={t('evaluation.round.subjects')} value={p.subjects} data-testid="progress-subjects" />
        <Statistic
          title={t('evaluation.round.shortOfExperts')}
          value={p.subjects_short_of_experts}
          styles={{ content: { color: p.subjects_short_of_experts > 0 ? '#cf1322' : undefined } }}
          data-testid="progress-short"
        />
        <Statistic title={t('evaluation.round.recusedOrWithdrawn')} value={c.recused + c.withdrawn} data-testid="progress-dropped" />
      </Flex>
      <div style={{ marginTop: 12 }} data-testid="progress-submitted">
        <Typography.Text>{t('evaluation.round.submittedOf', { submitted: c.submitted, total: c.assignments })}</Typography.Text>
        <Progress percent={scoringPercent(c)} status={status === 'scoring' ? 'active' : undefined} />
      </div>
    </Card>
  );
}

/** A large round's ranking, computed by a job after its close: its progress, then the ranking. */
function RankingRunning({ round: r, onReload }: { round: Round; onReload: () => void }) {
  const { t } = useTranslation();
  const job = useJob(r.ranking_job_id);
  const finished = !!job.data && !isJobRunning(job.data);
  useEffect(() => {
    if (finished) onReload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per job end, not per render
  }, [finished]);
  if (job.data?.status === 'failed') {
    return <Alert type="error" showIcon title={t('evaluation.round.rankingFailed')} description={job.data.error} data-testid="ranking-failed" />;
  }
  return (
    <div data-testid="ranking-running">
      <Typography.Text>{t('evaluation.round.rankingRunning')}</Typography.Text>
      <Progress percent={finished ? 100 : 50} status="active" showInfo={false} />
    </div>
  );
}

/**
 * The snapshot of the computed figures: taken in the background when scoring opens, and again
 * on request while scoring (重新快照). While its job runs, its progress is polled and shown.
 */
function SnapshotCard({ round: r, admin, onJobFinished, onReload }: { round: Round; admin: boolean; onJobFinished: (done: boolean) => void; onReload: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const snapshot = useSnapshotRound(r.id);
  const job = useJob(admin ? r.snapshot_job_id : null);
  const finished = !!job.data && !isJobRunning(job.data);

  // once the job has ended, read the round again: it then shows when the figures were taken
  useEffect(() => {
    onJobFinished(finished);
    if (finished) onReload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per job end, not per render
  }, [finished, job.data?.id]);

  const percent = job.data && job.data.total > 0 ? Math.round((job.data.done / job.data.total) * 100) : 0;
  return (
    <Card
      size="small"
      title={t('evaluation.round.snapshot')}
      data-testid="round-snapshot"
      extra={
        admin &&
        r.status === 'scoring' && (
          <Button
            size="small"
            icon={<ReloadOutlined />}
            loading={snapshot.isPending}
            disabled={!!r.snapshot_job_id && !finished}
            data-testid="round-resnapshot"
            onClick={() =>
              snapshot.mutate(undefined, {
                onSuccess: () => void message.info(t('evaluation.round.snapshotStarted')),
                onError: (e) => void message.error(problemMessage(e, t)),
              })
            }
          >
            {t('evaluation.round.resnapshot')}
          </Button>
        )
      }
    >
      {r.snapshot_job_id && !(finished && job.data?.status === 'succeeded') ? (
        job.data?.status === 'failed' ? (
          <Alert type="error" showIcon title={t('evaluation.round.snapshotFailed')} description={job.data.error} data-testid="snapshot-failed" />
        ) : (
          <div data-testid="snapshot-running">
            <Typography.Text>{t('evaluation.round.snapshotRunning', { done: job.data?.done ?? 0, total: job.data?.total ?? 0 })}</Typography.Text>
            <Progress percent={percent} status="active" />
          </div>
        )
      ) : r.snapshot_at ? (
        <Typography.Text data-testid="snapshot-at">{t('evaluation.round.snapshotAt', { at: formatDateTime(r.snapshot_at) })}</Typography.Text>
      ) : (
        <Typography.Text type="secondary" data-testid="snapshot-none">
          {t('evaluation.round.snapshotNone')}
        </Typography.Text>
      )}
    </Card>
  );
}

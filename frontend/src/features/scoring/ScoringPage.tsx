import { useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Popconfirm, Progress, Row, Space, Tag, Typography, type FormInstance } from 'antd';
import { ArrowLeftOutlined, RollbackOutlined, SaveOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { scoringKeys } from '../../api/queryKeys';
import type { AssignmentStatus, ScoreSheet, ScoringIndicator } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReasonModal } from '../../components/ReasonModal';
import { QueryState } from '../../components/states';
import { useMoveAssignment, useMyAssignments, useRound, useSaveScores, useScoreSheet } from './api';
import { ChangesCard } from './ChangesCard';
import { EvidenceCard } from './EvidenceCard';
import { bandOf, commentRequired, initialScores, percent, readOnlyReason, roundProgress, scoreFieldErrors, toPutScores, type ScoreValues } from './scoringLogic';
import { AssignmentStatusTag, RoundStatusTag } from './ScoringTags';

/** 评分: one assignment's evidence pack beside the rubric and a score for each expert indicator. */
export function ScoringPage() {
  const { assignmentId = '' } = useParams();
  const { t } = useTranslation();
  const sheet = useScoreSheet(assignmentId);
  const a = sheet.data?.data.assignment;
  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('scoring.title'), to: '/scoring' }]}
        title={a ? a.subject_name : t('scoring.sheetTitle')}
        subTitle={a ? a.round_name : undefined}
        extra={
          <Link to="/scoring">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <QueryState query={sheet}>{({ data, etag }) => <Sheet key={assignmentId} sheet={data} etag={etag ?? ''} />}</QueryState>
    </>
  );
}

function Sheet({ sheet, etag }: { sheet: ScoreSheet; etag: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const formatDateTime = useFormatDateTime();
  const a = sheet.assignment;
  const [form] = Form.useForm<ScoreValues>();
  // the form is filled once; typed values stay through saves, conflicts and refusals until the
  // expert asks for the latest scores
  const [conflict, setConflict] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [recusing, setRecusing] = useState(false);
  const save = useSaveScores(a.id);
  const move = useMoveAssignment(a.id);
  const mine = useMyAssignments();
  const round = useRound(a.round_id);
  const progress = roundProgress(mine.data?.items ?? [], a.round_id);
  const codes = sheet.indicators.map((i) => i.code);
  const busy = save.isPending || move.isPending;
  const readOnly = readOnlyReason(sheet);

  const clearErrors = () => {
    form.setFields(codes.flatMap((c) => [{ name: [c, 'score'] as const, errors: [] }, { name: [c, 'comment'] as const, errors: [] }]) as never);
    setProblem(null);
  };

  /** A refusal shown where it belongs: beside the indicator it names, as a conflict, or in an alert. */
  const onError = (e: unknown) => {
    if (e instanceof ApiError && e.status === 412) {
      setConflict(true);
      void message.warning(t('error.stale'));
      void client.invalidateQueries({ queryKey: scoringKeys.sheet(a.id) });
      return;
    }
    if (e instanceof ApiError && e.errors.length > 0) {
      const { fields, rest } = scoreFieldErrors(e.errors, codes);
      form.setFields(fields as never);
      if (rest.length > 0) setProblem(e);
      void message.error(t('scoring.fixErrors'));
      return;
    }
    setProblem(e);
  };

  const values = () => form.getFieldsValue(true) as ScoreValues;

  const saveDraft = async () => {
    clearErrors();
    try {
      await save.mutateAsync({ scores: toPutScores(sheet.indicators, values()), etag });
      setConflict(false);
      void message.success(a.status === 'submitted' ? t('scoring.savedChanges') : t('scoring.savedDraft'));
    } catch (e) {
      onError(e);
    }
  };

  const submit = async () => {
    clearErrors();
    try {
      // what is typed is saved first: the server checks the saved scores
      const saved = await save.mutateAsync({ scores: toPutScores(sheet.indicators, values()), etag });
      await move.mutateAsync({ body: { to: 'submitted' }, etag: saved.etag ?? '' });
      setConflict(false);
      void message.success(t('scoring.submitted'));
    } catch (e) {
      onError(e);
    }
  };

  const moveTo = async (to: AssignmentStatus, reason?: string) => {
    clearErrors();
    try {
      await move.mutateAsync({ body: { to, ...(reason ? { reason } : {}) }, etag });
      void message.success(t(`scoring.moved.${to}`));
    } catch (e) {
      onError(e);
      throw e;
    }
  };

  /** Drops what was typed for the scores as saved now (a remounted form would keep the typed values). */
  const reload = async () => {
    await client.invalidateQueries({ queryKey: scoringKeys.sheet(a.id) });
    const fresh = client.getQueryData<{ data: ScoreSheet }>(scoringKeys.sheet(a.id));
    setConflict(false);
    clearErrors();
    if (fresh) form.setFieldsValue(initialScores(fresh.data));
  };

  return (
    <Flex vertical gap={16}>
      {readOnly && (
        <Alert
          type={a.status === 'recused' || a.status === 'withdrawn' ? 'warning' : 'info'}
          showIcon
          data-testid="sheet-read-only"
          title={t(`scoring.readOnly.${readOnly}`)}
          description={a.reason || undefined}
        />
      )}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          data-testid="sheet-conflict"
          title={t('scoring.conflict')}
          action={
            <Button size="small" onClick={() => void reload()}>
              {t('scoring.reloadLatest')}
            </Button>
          }
        />
      )}
      {problem != null && <ProblemAlert error={problem} />}
      <Card size="small" data-testid="sheet-status">
        <Flex gap={24} wrap align="center" justify="space-between">
          <Flex vertical gap={4} style={{ minWidth: 220, flex: '1 1 220px' }}>
            <Space size={4} wrap>
              <AssignmentStatusTag status={a.status} />
              <RoundStatusTag status={a.round_status} />
              {a.submitted_at && <Typography.Text type="secondary">{t('scoring.submittedAt', { at: formatDateTime(a.submitted_at) })}</Typography.Text>}
            </Space>
            <Typography.Text type="secondary">
              {t('scoring.thisProgress', { scored: a.scored, total: a.to_score })}
            </Typography.Text>
            <Progress percent={percent(a.scored, a.to_score)} size="small" showInfo={false} />
          </Flex>
          {/* the expert's own round: a national admin reading the sheet has no assignments in it */}
          {progress.total > 0 && (
            <Flex vertical gap={4} style={{ minWidth: 220, flex: '1 1 220px' }} data-testid="round-progress">
              <Typography.Text type="secondary">
                {t('scoring.roundProgress', { name: round.data?.name ?? a.round_name, submitted: progress.submitted, total: progress.total })}
              </Typography.Text>
              <Progress percent={percent(progress.submitted, progress.total)} size="small" status={progress.submitted === progress.total ? 'success' : 'active'} />
            </Flex>
          )}
          <Space wrap>
            {a.allowed_transitions.includes('assigned') && (
              <Popconfirm
                title={t('scoring.takeBack')}
                description={t('scoring.takeBackHint')}
                okText={t('scoring.takeBack')}
                cancelText={t('common.cancel')}
                onConfirm={() => moveTo('assigned').catch(() => undefined)}
              >
                <Button icon={<RollbackOutlined />} loading={move.isPending && move.variables?.body.to === 'assigned'} data-testid="assignment-take-back">
                  {t('scoring.takeBack')}
                </Button>
              </Popconfirm>
            )}
            {a.allowed_transitions.includes('recused') && (
              <Button danger icon={<StopOutlined />} onClick={() => setRecusing(true)} data-testid="assignment-recuse">
                {t('scoring.recuse')}
              </Button>
            )}
          </Space>
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <div style={{ position: 'sticky', top: 16 }}>
            <EvidenceCard
              figures={sheet.evidence}
              subjectType={sheet.subject_type}
              subjectId={a.subject_id}
              subjectName={a.subject_name}
              snapshotAt={round.data?.snapshot_at}
            />
          </div>
        </Col>
        <Col xs={24} lg={15}>
          <Form<ScoreValues>
            form={form}
            layout="vertical"
            name="scores"
            data-testid="score-form"
            disabled={!sheet.editable}
            initialValues={initialScores(sheet)}
          >
            <Flex vertical gap={16}>
              {groupByDimension(sheet.indicators).map(({ dimension, indicators }) => (
                <section key={dimension} data-testid="score-dimension">
                  <Typography.Title level={5} style={{ marginTop: 0 }}>
                    {dimension}
                  </Typography.Title>
                  <Flex vertical gap={12}>
                    {indicators.map((i) => (
                      <IndicatorCard key={i.code} indicator={i} form={form} />
                    ))}
                  </Flex>
                </section>
              ))}
              {sheet.indicators.length === 0 && <Alert type="info" showIcon title={t('scoring.noIndicators')} />}
              {sheet.editable && (
                <Card size="small">
                  <Flex gap={8} wrap align="center">
                    <Button icon={<SaveOutlined />} loading={save.isPending && !move.isPending} disabled={busy} onClick={() => void saveDraft()} data-testid="score-save">
                      {a.status === 'submitted' ? t('scoring.saveChanges') : t('scoring.saveDraft')}
                    </Button>
                    {a.allowed_transitions.includes('submitted') && (
                      <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void submit()} data-testid="score-submit">
                        {t('scoring.submit')}
                      </Button>
                    )}
                    <Typography.Text type="secondary">{a.status === 'submitted' ? t('scoring.afterSubmitHint') : t('scoring.submitHint')}</Typography.Text>
                  </Flex>
                </Card>
              )}
            </Flex>
          </Form>
        </Col>
      </Row>
      {(sheet.changes.length > 0 || a.status === 'submitted') && <ChangesCard changes={sheet.changes} indicators={sheet.indicators} />}
      <ReasonModal
        open={recusing}
        title={t('scoring.recuse')}
        label={t('scoring.recuseReason')}
        hint={t('scoring.recuseHint')}
        requiredMessage={t('scoring.reasonRequired')}
        danger
        pending={move.isPending}
        onCancel={() => setRecusing(false)}
        onSubmit={async (reason) => {
          await moveTo('recused', reason);
          setRecusing(false);
        }}
      />
    </Flex>
  );
}

/** The indicators under their dimensions, in the framework's order. */
function groupByDimension(indicators: readonly ScoringIndicator[]): { dimension: string; indicators: ScoringIndicator[] }[] {
  const groups: { dimension: string; indicators: ScoringIndicator[] }[] = [];
  for (const i of indicators) {
    const last = groups[groups.length - 1];
    if (last && last.dimension === i.dimension) last.indicators.push(i);
    else groups.push({ dimension: i.dimension, indicators: [i] });
  }
  return groups;
}

/** One expert indicator: its rubric (the band the score falls in marked), the score and the comment. */
function IndicatorCard({ indicator: i, form }: { indicator: ScoringIndicator; form: FormInstance<ScoreValues> }) {
  const { t } = useTranslation();
  const score = Form.useWatch([i.code, 'score'], form) as number | null | undefined;
  const comment = Form.useWatch([i.code, 'comment'], form) as string | undefined;
  const band = bandOf(score, i.rubric);
  const needsComment = commentRequired(score);
  return (
    <Card
      size="small"
      data-testid={`indicator-${i.code}`}
      title={
        <Space size={8} wrap>
          <span>{i.name}</span>
          <Tag>{t('scoring.weight', { weight: i.weight })}</Tag>
        </Space>
      }
    >
      <Row gutter={[16, 8]}>
        <Col xs={24} md={12}>
          <Typography.Text type="secondary">{t('scoring.rubric')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 0, listStyle: 'none' }} data-testid="rubric">
            {i.rubric.map((b) => {
              const current = band === b;
              return (
                <li
                  key={`${b.min}-${b.max}`}
                  data-current={current || undefined}
                  style={{ padding: '4px 8px', borderRadius: 4, marginBottom: 4, background: current ? '#e6f4ff' : '#fafafa', border: `1px solid ${current ? '#91caff' : '#f0f0f0'}` }}
                >
                  <Typography.Text strong>{`${b.min}–${b.max}`}</Typography.Text> <Typography.Text>{b.description}</Typography.Text>
                </li>
              );
            })}
          </ul>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('scoring.score')} name={[i.code, 'score']} style={{ marginBottom: 12 }}>
            <InputNumber min={0} max={100} precision={0} style={{ width: 140 }} placeholder="0–100" aria-label={`${i.name} ${t('scoring.score')}`} data-testid="score-input" />
          </Form.Item>
          <Form.Item label={needsComment ? t('scoring.commentRequiredLabel') : t('scoring.comment')} name={[i.code, 'comment']} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={3} maxLength={5000} aria-label={`${i.name} ${t('scoring.comment')}`} data-testid="comment-input" />
          </Form.Item>
          {/* the hint before a submission; once the server has said it, its error stands alone */}
          <Form.Item noStyle shouldUpdate>
            {() =>
              needsComment && !comment?.trim() && form.getFieldError([i.code, 'comment']).length === 0 ? (
                <Typography.Text type="warning" data-testid="comment-hint">
                  {t('scoring.commentHint')}
                </Typography.Text>
              ) : null
            }
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, problemMessage } from '../../api/problem';
import { DEPARTMENTS, type ReportSection, type ReportStatus, type YearEndReport } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { ReasonModal } from '../../components/ReasonModal';
import { useCurrentUser } from '../../session/context';
import { useSignYearEndReport, useTransitionYearEndReport } from './api';
import { ReportStatusTag } from './ReportStatusTag';
import { missingDepartments, moveKey, orderedMoves, reasonRequired } from './reportLogic';
import { ReturnModal } from './ReturnModal';

/**
 * Where the report stands: its status, each department's signature (who, when), 签署 for an
 * officer whose department has not signed, and the moves the server allows this caller —
 * 报送 (disabled, naming the department still to sign, until both have), 接收, 退回 with comments
 * per section, 重新打开 with a reason.
 */
export function ReportStatusCard({ report, etag, unsaved }: { report: YearEndReport; etag: string; unsaved?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const formatDateTime = useFormatDateTime();
  const sign = useSignYearEndReport(report.id);
  const move = useTransitionYearEndReport(report.id);
  const [target, setTarget] = useState<ReportStatus | null>(null);
  const missing = missingDepartments(report.signatures);
  const moves = orderedMoves(report.allowed_transitions);

  const fail = (e: unknown) => {
    // 412: someone changed it first (it is read again); 409: a department has not signed, or signed already
    void (e instanceof ApiError && e.status === 412 ? message.warning(t('error.stale')) : message.error(problemMessage(e, t)));
    throw e;
  };

  const onSign = () =>
    sign
      .mutateAsync(etag)
      .then(() => void message.success(t('yearEnd.signed')))
      .catch(fail)
      .catch(() => undefined);

  const onMove = (to: ReportStatus, reason: string | undefined, comments?: Partial<Record<ReportSection, string>>) =>
    move
      .mutateAsync({ body: { to, ...(reason ? { reason } : {}), ...(comments && Object.keys(comments).length > 0 ? { comments } : {}) }, etag })
      .then(() => {
        setTarget(null);
        void message.success(t('yearEnd.moved', { status: t(`yearEnd.status.${to}`) }));
      })
      .catch(fail);

  const needsReason = !!target && reasonRequired(target);

  return (
    <Card title={t('yearEnd.statusCard')} size="small" data-testid="report-status-card">
      <Flex vertical gap={12}>
        <Flex gap={12} wrap align="center">
          <ReportStatusTag status={report.status} testId="report-status" />
          {report.versions > 0 && <Tag data-testid="report-versions-count">{t('yearEnd.versionsCount', { count: report.versions })}</Tag>}
          {report.submitted_at && (
            <Typography.Text type="secondary">{t('yearEnd.submittedAt', { at: formatDateTime(report.submitted_at) })}</Typography.Text>
          )}
          {report.accepted_at && report.status === 'accepted' && (
            <Typography.Text type="secondary">{t('yearEnd.acceptedAt', { at: formatDateTime(report.accepted_at) })}</Typography.Text>
          )}
        </Flex>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="report-signatures" title={t('yearEnd.signatures')}>
          {DEPARTMENTS.map((d) => {
            const s = report.signatures.find((x) => x.department === d);
            return (
              <Descriptions.Item key={d} label={t(`department.${d}`)}>
                <span data-testid={`signature-${d}`} data-signed={s ? 'true' : 'false'}>
                  {s ? (
                    <Space size={4} wrap>
                      <CheckCircleOutlined style={{ color: '#52c41a' }} aria-hidden />
                      <Typography.Text strong>{s.signer_name}</Typography.Text>
                      <Typography.Text type="secondary">{formatDateTime(s.signed_at)}</Typography.Text>
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">{t('yearEnd.notSigned')}</Typography.Text>
                  )}
                </span>
              </Descriptions.Item>
            );
          })}
        </Descriptions>
        {report.may_edit && report.signatures.length > 0 && (
          <Typography.Text type="secondary" data-testid="report-sign-hint">
            {t('yearEnd.editClearsSignatures')}
          </Typography.Text>
        )}
        <Space wrap data-testid="transition-buttons">
          {report.may_sign && (
            <Button
              type="primary"
              icon={<EditOutlined />}
              loading={sign.isPending}
              // one signs what the report says on the server: typed changes are saved first
              disabled={unsaved}
              title={unsaved ? t('yearEnd.saveFirst') : undefined}
              onClick={() => void onSign()}
              data-testid="report-sign"
            >
              {user.department ? t('yearEnd.signAs', { department: t(`department.${user.department}`) }) : t('yearEnd.sign')}
            </Button>
          )}
          {moves.map((to) => {
            const blocked = to === 'submitted' && (missing.length > 0 || !!unsaved);
            const button = (
              <Button
                key={to}
                type={reasonRequired(to) ? 'default' : 'primary'}
                danger={reasonRequired(to)}
                disabled={blocked}
                data-testid={`transition-${to}`}
                onClick={() => setTarget(to)}
              >
                {t(moveKey(to))}
              </Button>
            );
            return blocked ? (
              <Tooltip
                key={to}
                title={missing.length > 0 ? t('yearEnd.waitingFor', { departments: missing.map((d) => t(`department.${d}`)).join('、') }) : t('yearEnd.saveFirst')}
              >
                <span>{button}</span>
              </Tooltip>
            ) : (
              button
            );
          })}
        </Space>
        {unsaved && (report.may_sign || moves.includes('submitted')) && (
          <Typography.Text type="warning" data-testid="report-save-first">
            {t('yearEnd.saveFirst')}
          </Typography.Text>
        )}
        {moves.includes('submitted') && missing.length > 0 && (
          <Typography.Text type="warning" data-testid="report-waiting-for">
            {t('yearEnd.waitingFor', { departments: missing.map((d) => t(`department.${d}`)).join('、') })}
          </Typography.Text>
        )}
      </Flex>
      <ReasonModal
        open={!!target && target !== 'returned'}
        title={target ? t(moveKey(target)) : ''}
        label={needsReason ? t('yearEnd.reason') : t('yearEnd.note')}
        hint={target === 'draft' ? t('yearEnd.reopenHint') : target === 'accepted' ? t('yearEnd.acceptHint') : target === 'submitted' ? t('yearEnd.submitHint') : undefined}
        requiredMessage={t('yearEnd.reasonRequired')}
        optional={!needsReason}
        danger={needsReason}
        pending={move.isPending}
        onCancel={() => setTarget(null)}
        onSubmit={async (reason) => {
          if (target) await onMove(target, reason || undefined);
        }}
      />
      <ReturnModal
        open={target === 'returned'}
        pending={move.isPending}
        onCancel={() => setTarget(null)}
        onSubmit={(reason, comments) => onMove('returned', reason, comments)}
      />
    </Card>
  );
}

import { useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TrainingStatus } from '../../api/types';
import { ReasonModal } from '../../components/ReasonModal';
import { orderedMoves, reasonRequired } from './trainingLogic';

/**
 * The buttons are exactly the moves the server says this caller may make now
 * (`allowed_transitions`); each is confirmed in the shared reason dialog, where a note is
 * optional for 确认已举办 and the reason required for 取消培训.
 */
export function TrainingTransitionButtons({
  allowed,
  pending,
  onMove,
}: {
  allowed: readonly TrainingStatus[];
  pending?: boolean;
  onMove: (to: TrainingStatus, reason: string | undefined) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<TrainingStatus | null>(null);
  const moves = orderedMoves(allowed);

  if (moves.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="no-transitions">
        {t('trainings.noActions')}
      </Typography.Text>
    );
  }

  const label = (to: TrainingStatus) => (to === 'planned' ? t('trainings.statuses.planned') : t(`trainings.transition.${to}`));
  const needsReason = !!target && reasonRequired(target);
  return (
    <>
      <Space wrap data-testid="transition-buttons">
        {moves.map((to) => (
          <Button
            key={to}
            type={reasonRequired(to) ? 'default' : 'primary'}
            danger={reasonRequired(to)}
            data-testid={`transition-${to}`}
            onClick={() => setTarget(to)}
          >
            {label(to)}
          </Button>
        ))}
      </Space>
      <ReasonModal
        open={!!target}
        title={target ? label(target) : ''}
        label={needsReason ? t('trainings.reason') : t('trainings.reasonOptional')}
        hint={target === 'held' ? t('trainings.heldHint') : undefined}
        requiredMessage={t('trainings.reasonRequired')}
        optional={!needsReason}
        danger={needsReason}
        pending={pending}
        onCancel={() => setTarget(null)}
        onSubmit={async (reason) => {
          if (!target) return;
          await onMove(target, reason || undefined);
          setTarget(null);
        }}
      />
    </>
  );
}

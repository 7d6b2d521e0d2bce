import { useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Incident, IncidentStatus } from '../../api/types';
import { ReasonModal } from '../../components/ReasonModal';
import { orderedMoves, reasonRequired, transitionKey } from './incidentLogic';

/**
 * The buttons are exactly the moves the server says this caller may make now (allowed_transitions).
 * Each asks to confirm with a note, which reopening and closing as unfounded require.
 */
export function IncidentTransitionButtons({
  incident,
  pending,
  onMove,
}: {
  incident: Pick<Incident, 'status' | 'allowed_transitions'>;
  pending?: boolean;
  onMove: (to: IncidentStatus, reason: string | undefined) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<IncidentStatus | null>(null);
  const moves = orderedMoves(incident.status, incident.allowed_transitions);

  if (moves.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="no-transitions">
        {t('incidents.noActions')}
      </Typography.Text>
    );
  }

  const label = (to: IncidentStatus) => t(transitionKey(incident.status, to));
  const needsReason = !!target && reasonRequired(incident.status, target);
  return (
    <>
      <Space wrap data-testid="transition-buttons">
        {moves.map((to) => {
          const danger = reasonRequired(incident.status, to);
          return (
            <Button key={to} type={danger ? 'default' : 'primary'} danger={danger} data-testid={`transition-${to}`} onClick={() => setTarget(to)}>
              {label(to)}
            </Button>
          );
        })}
      </Space>
      <ReasonModal
        open={!!target}
        title={target ? label(target) : ''}
        label={needsReason ? t('incidents.reason') : t('incidents.reasonOptional')}
        hint={needsReason ? t(target === 'closed' ? 'incidents.dismissHint' : 'incidents.reopenHint') : undefined}
        requiredMessage={t('incidents.reasonRequired')}
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

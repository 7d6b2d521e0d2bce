import { useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case, CaseStatus } from '../../api/types';
import { caseReasonRequired, caseTransitionKey, orderedMoves } from './caseLogic';
import { ReasonModal } from './ReasonModal';

/**
 * The buttons are exactly the moves the server says this caller may make now (allowed_transitions):
 * one click each, and 退回 asks for the reason first.
 */
export function CaseTransitionButtons({
  item,
  pending,
  size,
  onMove,
}: {
  item: Pick<Case, 'status' | 'allowed_transitions'>;
  pending?: boolean;
  size?: 'small' | 'middle';
  onMove: (to: CaseStatus, reason: string | undefined) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<CaseStatus | null>(null);
  const [clicked, setClicked] = useState<CaseStatus | null>(null);
  const moves = orderedMoves(item.allowed_transitions);

  if (moves.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="no-transitions">
        {t('cases.noActions')}
      </Typography.Text>
    );
  }

  const label = (to: CaseStatus) => t(caseTransitionKey(item.status, to));
  const move = (to: CaseStatus) => {
    if (caseReasonRequired(to)) return setAsking(to);
    setClicked(to);
    void onMove(to, undefined)
      .catch(() => undefined)
      .finally(() => setClicked(null));
  };

  return (
    <>
      <Space wrap size={size === 'small' ? 4 : 8} data-testid="transition-buttons">
        {moves.map((to) => (
          <Button
            key={to}
            size={size}
            type={caseReasonRequired(to) ? 'default' : 'primary'}
            danger={caseReasonRequired(to)}
            loading={pending && clicked === to}
            disabled={pending && clicked !== to}
            data-testid={`case-transition-${to}`}
            onClick={() => move(to)}
          >
            {label(to)}
          </Button>
        ))}
      </Space>
      <ReasonModal
        open={!!asking}
        title={asking ? label(asking) : ''}
        label={t('cases.reason')}
        hint={t('cases.reasonHint')}
        requiredMessage={t('cases.reasonRequired')}
        danger
        pending={pending}
        onCancel={() => setAsking(null)}
        onSubmit={async (reason) => {
          if (!asking) return;
          await onMove(asking, reason);
          setAsking(null);
        }}
      />
    </>
  );
}

import { useState } from 'react';
import { Button, Space } from 'antd';
import { ReasonModal } from './ReasonModal';

/**
 * A lifecycle's buttons: exactly the moves the server allows now (`allowed_transitions`), one
 * click each; a move that needs a reason asks for it first.
 */
export function TransitionButtons<S extends string>({
  moves,
  label,
  needsReason,
  reasonLabel,
  pending,
  disabled,
  testIdPrefix,
  onMove,
}: {
  moves: readonly S[];
  label: (to: S) => string;
  needsReason: (to: S) => boolean;
  reasonLabel: string;
  pending?: boolean;
  disabled?: boolean;
  testIdPrefix: string;
  onMove: (to: S, reason: string | undefined) => Promise<unknown>;
}) {
  const [asking, setAsking] = useState<S | null>(null);
  const [clicked, setClicked] = useState<S | null>(null);

  if (moves.length === 0) return null;

  const move = (to: S) => {
    if (needsReason(to)) return setAsking(to);
    setClicked(to);
    void onMove(to, undefined)
      .catch(() => undefined)
      .finally(() => setClicked(null));
  };

  return (
    <>
      <Space wrap data-testid={`${testIdPrefix}-transitions`}>
        {moves.map((to) => (
          <Button
            key={to}
            type={needsReason(to) ? 'default' : 'primary'}
            danger={needsReason(to)}
            loading={pending && clicked === to}
            disabled={disabled || (pending && clicked !== to)}
            data-testid={`${testIdPrefix}-transition-${to}`}
            onClick={() => move(to)}
          >
            {label(to)}
          </Button>
        ))}
      </Space>
      <ReasonModal
        open={!!asking}
        title={asking ? label(asking) : ''}
        label={reasonLabel}
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

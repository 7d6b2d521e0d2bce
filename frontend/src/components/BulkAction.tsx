import { App, Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../api/problem';

/** What a bulk action did: the rows it went through for, and each other one with the server's reason. */
export interface BulkOutcome<T> {
  done: T[];
  failed: { item: T; error: unknown }[];
}

/**
 * Runs `act` for each item in turn, never stopping at a refusal: one stale or forbidden row must
 * not leave the rest undone. One at a time, so each reads its row afresh and the server is not
 * flooded.
 */
export async function runEach<T>(items: T[], act: (item: T) => Promise<unknown>): Promise<BulkOutcome<T>> {
  const outcome: BulkOutcome<T> = { done: [], failed: [] };
  for (const item of items) {
    try {
      await act(item);
      outcome.done.push(item);
    } catch (error) {
      outcome.failed.push({ item, error });
    }
  }
  return outcome;
}

/**
 * A button for the ticked rows of a list (批量推荐, 批量县级确认 …): offered when some of them
 * allow the action, it asks once, acts on those rows, and then says how many went through and,
 * row by row, why the others did not.
 */
export function BulkAction<T>({
  action,
  rows,
  allows,
  run,
  name,
  onDone,
  testId,
}: {
  /** The action's own name, as its single button says it (推荐). */
  action: string;
  rows: T[];
  allows: (row: T) => boolean;
  run: (rows: T[]) => Promise<BulkOutcome<T>>;
  /** Names a row in the report of failures. */
  name: (row: T) => string;
  onDone: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const eligible = rows.filter(allows);
  if (eligible.length === 0) return null;
  const skipped = rows.length - eligible.length;

  const report = (outcome: BulkOutcome<T>) => {
    if (outcome.failed.length === 0) {
      void message.success(t('table.bulkDone', { count: outcome.done.length }));
      return;
    }
    modal.warning({
      title: t('table.bulkResult', { ok: outcome.done.length, failed: outcome.failed.length }),
      content: (
        <ul data-testid="bulk-failures" style={{ paddingInlineStart: 20, margin: 0 }}>
          {outcome.failed.map((f, i) => (
            <li key={i}>
              <Typography.Text strong>{name(f.item)}</Typography.Text>：{problemMessage(f.error, t)}
            </li>
          ))}
        </ul>
      ),
    });
  };

  return (
    <Button
      size="small"
      data-testid={testId}
      onClick={() =>
        modal.confirm({
          title: t('table.bulkConfirm', { count: eligible.length, action }),
          content: skipped > 0 ? t('table.bulkSkipped', { count: skipped }) : undefined,
          okText: t('table.bulk', { action }),
          cancelText: t('common.cancel'),
          onOk: () =>
            run(eligible).then((outcome) => {
              report(outcome);
              onDone();
            }),
        })
      }
    >
      {t('table.bulkCount', { action, count: eligible.length })}
    </Button>
  );
}

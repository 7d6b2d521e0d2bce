import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormDraft } from './formDraft';

/** Says that the form holds a restored draft, with a way to throw it away and start afresh. */
export function DraftAlert({ draft, onDiscard }: { draft: FormDraft; onDiscard: () => void }) {
  const { t } = useTranslation();
  if (!draft.restored) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="draft-restored"
      title={t('draft.restored')}
      style={{ marginBottom: 16 }}
      action={
        <Button
          size="small"
          data-testid="draft-discard"
          onClick={() => {
            draft.clear();
            onDiscard();
          }}
        >
          {t('draft.discard')}
        </Button>
      }
    />
  );
}

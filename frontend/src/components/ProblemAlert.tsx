import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, problemMessage } from '../api/problem';

/** Shows a failed call: the problem's message, its field errors and the request id. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const api = error instanceof ApiError ? error : null;
  const description = (
    <>
      {api && api.errors.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {api.errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {api?.requestId && (
        <small>
          {t('common.requestId')}: {api.requestId}
        </small>
      )}
    </>
  );
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problemMessage(error, t)}
      description={api && (api.errors.length > 0 || api.requestId) ? description : undefined}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}

import type { ReactNode } from 'react';
import { Empty, Flex, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';
import { ProblemAlert } from './ProblemAlert';

export function LoadingState({ fullscreen }: { fullscreen?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex justify="center" align="center" style={{ padding: 48, minHeight: fullscreen ? '100vh' : undefined }}>
      <Spin description={t('common.loading')} />
    </Flex>
  );
}

export function EmptyState({ description }: { description?: ReactNode }) {
  const { t } = useTranslation();
  return <Empty description={description ?? t('common.empty')} />;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  // asking again cannot bring back what does not exist or is not yours to see
  const final = error instanceof ApiError && (error.status === 403 || error.status === 404);
  return <ProblemAlert error={error} onRetry={final ? undefined : onRetry} />;
}

export function ForbiddenState() {
  const { t } = useTranslation();
  return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
}

export function NotFoundState() {
  const { t } = useTranslation();
  return <Result status="404" title="404" subTitle={t('common.notFound')} />;
}

/** Renders loading / error / empty / content for one query. */
export function QueryState<T>({
  query,
  isEmpty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.isError || query.data === undefined) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (isEmpty?.(query.data)) return <EmptyState />;
  return <>{children(query.data)}</>;
}

import type { ReactNode } from 'react';
import { useState } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';
import { notificationKeys } from '../api/queryKeys';
import { SessionProvider } from '../features/auth/SessionProvider';

export function makeQueryClient() {
  const client: QueryClient = new QueryClient({
    // Any write may settle or cause a notification (a landing confirmed settles the county's
    // 待确认落地): the bell asks again at once (a 304 when nothing changed) instead of at its next poll.
    mutationCache: new MutationCache({
      onSuccess: () => void client.invalidateQueries({ queryKey: notificationKeys.all }),
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // client errors (4xx) will not get better by retrying
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
    },
  });
  return client;
}

export function Providers({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? makeQueryClient());
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#b7312c' } }}>
      <AntApp>
        <QueryClientProvider client={client}>
          <SessionProvider>{children}</SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

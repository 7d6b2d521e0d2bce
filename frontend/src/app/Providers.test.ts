import { describe, expect, it } from 'vitest';
import { notificationKeys, projectKeys } from '../api/queryKeys';
import { makeQueryClient } from './Providers';

describe('the app’s query client', () => {
  it('has the bell ask again after any successful write, and only after a successful one', async () => {
    const client = makeQueryClient();
    const bell = notificationKeys.list({ limit: 8 });
    client.setQueryData(bell, { items: [], unread: 1 });
    client.setQueryData(projectKeys.detail('p1'), {});

    await expect(client.getMutationCache().build(client, { mutationFn: () => Promise.reject(new Error('no')) }).execute(undefined)).rejects.toThrow();
    expect(client.getQueryState(bell)?.isInvalidated).toBe(false);

    await client.getMutationCache().build(client, { mutationFn: () => Promise.resolve('moved') }).execute(undefined);
    expect(client.getQueryState(bell)?.isInvalidated).toBe(true);
    expect(client.getQueryState(projectKeys.detail('p1'))?.isInvalidated).toBe(false);
  });
});

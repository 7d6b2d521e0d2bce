import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Form, type FormInstance } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { Role, User } from '../api/types';
import { SessionContext } from '../session/context';
import { RoleScopeFields, type RoleScopeValues } from './RoleScopeFields';

const provinces = { items: [{ code: '510000', name: '四川省' }, { code: '520000', name: '贵州省' }] };
const GET = vi.hoisted(() => vi.fn());
vi.mock('../api/client', async (actual) => ({ ...(await actual<object>()), api: { GET } }));
GET.mockImplementation((path: string) =>
  Promise.resolve({ data: path === '/api/v1/provinces' ? provinces : { items: [] }, response: new Response(null, { status: 200 }) }),
);

function renderFields(caller: Partial<User>, roles: Role[], initial?: Partial<RoleScopeValues>) {
  const user = { id: 'u', username: 'u', display_name: 'u', disabled: false, created_at: '', updated_at: '', ...caller } as User;
  let form: FormInstance<RoleScopeValues> | undefined;
  function Harness() {
    [form] = Form.useForm<RoleScopeValues>();
    return (
      <Form form={form} name="scope" initialValues={initial}>
        <RoleScopeFields roles={roles} i18nPrefix="token" />
      </Form>
    );
  }
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionContext.Provider value={{ status: 'authenticated', user, ended: null, login: vi.fn(), logout: vi.fn() }}>
        <Harness />
      </SessionContext.Provider>
    </QueryClientProvider>,
  );
  return () => form!.getFieldsValue(true) as RoleScopeValues;
}

describe('RoleScopeFields', () => {
  it('gives a single role as is and fixes a provincial officer’s province to its own', async () => {
    const values = renderFields({ role: 'provincial_officer', province_code: '510000' }, ['county_officer']);
    expect(screen.getByLabelText('角色')).toBeDisabled();
    expect(screen.getByLabelText('省份')).toBeDisabled();
    expect(screen.getByLabelText('县')).toBeInTheDocument();
    await waitFor(() => expect(values()).toMatchObject({ role: 'county_officer', province_code: '510000' }));
  });

  it('drops the county when another province is picked', async () => {
    const values = renderFields({ role: 'national_admin' }, ['county_officer', 'provincial_officer'], {
      role: 'county_officer',
      province_code: '510000',
      county_code: '513431',
    });
    fireEvent.mouseDown(screen.getByLabelText('省份'));
    fireEvent.click(await screen.findByTitle('贵州省'));
    expect(values()).toMatchObject({ province_code: '520000', county_code: undefined });
  });
});

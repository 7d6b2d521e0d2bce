import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types';
import { useCurrentUser } from '../session/context';
import { CountyPicker } from './CountyPicker';
import { useProvinceOptions } from './referenceData';

/** A role and the scope it is bound to: the same fields for an account and for an API token. */
export interface RoleScopeValues {
  role: Role;
  province_code?: string;
  county_code?: string;
  organization_id?: string;
}

/** The role with the one scope field its role uses; the others may hold leftovers of earlier picks. */
export function roleScope(v: RoleScopeValues): RoleScopeValues {
  const scope: RoleScopeValues = { role: v.role };
  if (v.role === 'provincial_officer') scope.province_code = v.province_code;
  if (v.role === 'county_officer') scope.county_code = v.county_code;
  if (v.role === 'org_member' && v.organization_id) scope.organization_id = v.organization_id.trim();
  return scope;
}

/**
 * The role select and the scope field the chosen role needs (province, county or organization),
 * inside a `Form` whose values extend RoleScopeValues. Labels and messages come from the form's
 * i18n section. A provincial officer's province is fixed to its own, as the server requires.
 */
export function RoleScopeFields({ roles, i18nPrefix }: { roles: Role[]; i18nPrefix: 'user' | 'token' }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<RoleScopeValues>();
  const caller = useCurrentUser();
  const provinces = useProvinceOptions();
  const role = Form.useWatch('role', form);
  const province = Form.useWatch('province_code', form);
  const fixedProvince = caller.role === 'provincial_officer' ? (caller.province_code ?? undefined) : undefined;
  const required = { required: true, message: t(`${i18nPrefix}.required`) };
  const showProvince = role === 'provincial_officer' || role === 'county_officer';

  return (
    <>
      {/* a single role to give is shown, not chosen */}
      <Form.Item label={t(`${i18nPrefix}.role`)} name="role" rules={[required]} initialValue={roles.length === 1 ? roles[0] : undefined}>
        <Select disabled={roles.length === 1} options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      </Form.Item>
      {showProvince && (
        <Form.Item
          label={t(`${i18nPrefix}.province`)}
          name="province_code"
          initialValue={fixedProvince}
          rules={role === 'provincial_officer' ? [required] : []}
        >
          <Select
            allowClear={!fixedProvince}
            disabled={!!fixedProvince}
            showSearch={{ optionFilterProp: 'label' }}
            loading={provinces.isPending}
            options={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
            // a county picked in another province is no longer on offer
            onChange={() => form.setFieldValue('county_code', undefined)}
          />
        </Form.Item>
      )}
      {role === 'county_officer' && (
        <Form.Item label={t(`${i18nPrefix}.county`)} name="county_code" rules={[required]}>
          <CountyPicker province={fixedProvince ?? province} />
        </Form.Item>
      )}
      {role === 'org_member' && (
        <Form.Item label={t(`${i18nPrefix}.organization`)} name="organization_id">
          <Input />
        </Form.Item>
      )}
    </>
  );
}

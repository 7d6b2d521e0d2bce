import { useState } from 'react';
import { Button, Checkbox, Flex, Input, Select, Tag, Typography } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  ASSISTANCE_TYPES,
  LEGAL_FORMS,
  ORG_CATEGORIES,
  ORG_STATUSES,
  RECOMMENDERS,
  REGISTRATION_LEVELS,
  type Organization,
} from '../../api/types';
import { AssistanceTypeTags, OrgStatusTag } from '../../components/EnumTags';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { useProvinceName, useProvinceOptions } from '../../components/referenceData';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useCurrentUser } from '../../session/context';
import { canRegisterOrganizations } from '../../session/roles';
import { exportOrganizations, useOrganizations } from './api';
import { OrganizationFormModal } from './OrganizationFormModal';
import { filtersFromSearch, filtersToSearch, orgListQuery, type OrgFilters } from './orgFilters';

export function OrganizationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const table = useListTable('organizations', filtersToSearch(filters).toString());
  const query = orgListQuery(filters, table.cursor, table.limit);
  const orgs = useOrganizations(query);
  const provinces = useProvinceOptions();
  const provinceName = useProvinceName();
  const [creating, setCreating] = useState(false);
  const coordinator = canRegisterOrganizations(user.role);

  const update = (patch: Partial<OrgFilters>) => setParams(filtersToSearch({ ...filters, ...patch }));

  const select = <K extends keyof OrgFilters>(key: K, placeholder: string, options: { value: string; label: string }[], width = 150) => (
    <Select
      allowClear
      aria-label={placeholder}
      data-testid={`org-filter-${key}`}
      placeholder={placeholder}
      style={{ width }}
      value={filters[key] as string | undefined}
      onChange={(v?: string) => update({ [key]: v } as Partial<OrgFilters>)}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );

  const columns: ListColumn<Organization>[] = [
    {
      key: 'name',
      always: true,
      title: t('org.name'),
      dataIndex: 'name',
      render: (name: string, o) => <Link to={`/organizations/${o.id}`}>{name}</Link>,
    },
    {
      key: 'credit_code',
      title: t('org.creditCode'),
      responsive: ['md'],
      dataIndex: 'credit_code',
      render: (code: string, o) => (
        <>
          <Typography.Text code>{code}</Typography.Text>
          {o.credit_code_check_failed && !o.credit_code_confirmation && (
            <Tag color="warning" data-testid="check-failed">
              {t('org.checkFailed')}
            </Tag>
          )}
        </>
      ),
    },
    { key: 'legal_form', title: t('org.legalForm'), responsive: ['md'], dataIndex: 'legal_form', render: (v: Organization['legal_form']) => t(`legalForm.${v}`) },
    { key: 'registration_level', title: t('org.level'), responsive: ['md'], dataIndex: 'registration_level', render: (v: Organization['registration_level']) => t(`level.${v}`) },
    { key: 'province', title: t('org.province'), responsive: ['sm'], dataIndex: 'province_code', render: (v: string) => provinceName(v) },
    { key: 'specialties', title: t('org.specialties'), responsive: ['md'], dataIndex: 'specialties', render: (v: Organization['specialties']) => <AssistanceTypeTags types={v} /> },
    { key: 'status', always: true, title: t('org.status'), dataIndex: 'status', render: (v: Organization['status']) => <OrgStatusTag status={v} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('org.title')}
        subTitle={t('org.subtitle')}
        extra={
          <>
            <ExportButtons testId="export" run={(format, watch) => exportOrganizations(format, query, watch)} />
            {coordinator && (
              <>
                <Link to="/organizations/import">
                  <Button icon={<UploadOutlined />}>{t('org.import')}</Button>
                </Link>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  {t('org.register')}
                </Button>
              </>
            )}
          </>
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Input.Search
          key={filters.q ?? ''}
          allowClear
          aria-label={t('common.search')}
          data-testid="org-search"
          placeholder={t('org.searchPlaceholder')}
          defaultValue={filters.q}
          style={{ width: 240 }}
          onSearch={(v) => update({ q: v.trim() || undefined })}
        />
        {select('status', t('org.status'), ORG_STATUSES.map((v) => ({ value: v, label: t(`orgStatus.${v}`) })), 110)}
        {select('legal_form', t('org.legalForm'), LEGAL_FORMS.map((v) => ({ value: v, label: t(`legalForm.${v}`) })))}
        {select('registration_level', t('org.level'), REGISTRATION_LEVELS.map((v) => ({ value: v, label: t(`level.${v}`) })), 120)}
        {select('category', t('org.category'), ORG_CATEGORIES.map((v) => ({ value: v, label: t(`category.${v}`) })))}
        {select('specialty', t('org.specialties'), ASSISTANCE_TYPES.map((v) => ({ value: v, label: t(`assistanceType.${v}`) })), 120)}
        {select('province', t('org.province'), provinces.data?.items.map((p) => ({ value: p.code, label: p.name })) ?? [], 170)}
        {select('recommended_by', t('org.recommendedBy'), RECOMMENDERS.map((v) => ({ value: v, label: t(`recommendedBy.${v}`) })), 180)}
        <Checkbox
          data-testid="org-to-confirm"
          checked={filters.credit_code_to_confirm === true}
          onChange={(e) => update({ credit_code_to_confirm: e.target.checked || undefined })}
        >
          {t('org.toConfirm')}
        </Checkbox>
        <Select
          aria-label={t('org.sort')}
          data-testid="org-sort"
          style={{ width: 130 }}
          value={filters.sort ?? 'name'}
          onChange={(v: NonNullable<OrgFilters['sort']>) => update({ sort: v === 'name' ? undefined : v })}
          options={[
            { value: 'name', label: t('org.sortName') },
            { value: '-updated_at', label: t('org.sortUpdated') },
          ]}
        />
      </Flex>
      <ListTable<Organization>
        table={table}
        query={orgs}
        testId="org-table"
        rowKey="id"
        columns={columns}
        selectable
        onRow={(o) => ({ onClick: () => navigate(`/organizations/${o.id}`), style: { cursor: 'pointer' } })}
      />
      <OrganizationFormModal open={creating} onClose={() => setCreating(false)} onCreated={(o) => navigate(`/organizations/${o.id}`)} />
    </>
  );
}

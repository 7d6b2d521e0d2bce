import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrganizationSearch } from './api';

export interface OrgOption {
  value: string;
  label: string;
}

/** Searches active organizations by name as you type; the value keeps its label across searches. */
export function OrganizationSelect({
  value,
  onChange,
  disabled,
  id,
  testId,
}: {
  value?: OrgOption;
  onChange?: (v: OrgOption | undefined) => void;
  disabled?: boolean;
  id?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useOrganizationSearch(q);
  return (
    <Select<OrgOption>
      id={id}
      data-testid={testId}
      labelInValue
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      disabled={disabled}
      placeholder={t('project.orgSearch')}
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={search.isFetching}
      notFoundContent={search.isFetching ? t('common.loading') : t('common.empty')}
      options={search.data?.items.map((o) => ({ value: o.id, label: o.name }))}
    />
  );
}

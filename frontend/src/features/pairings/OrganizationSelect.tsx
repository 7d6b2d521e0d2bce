import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrganizationSearch } from './api';

export interface OrgOption {
  value: string;
  label: string;
}

/** Searches active organizations by name as you type; values keep their labels across searches. */
export function OrganizationSelect({
  value,
  onChange,
  multiple,
  disabled,
  id,
  testId,
}: {
  value?: OrgOption | OrgOption[];
  onChange?: (v: OrgOption | OrgOption[] | undefined) => void;
  multiple?: boolean;
  disabled?: boolean;
  id?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useOrganizationSearch(q);
  return (
    <Select<OrgOption | OrgOption[]>
      id={id}
      data-testid={testId}
      mode={multiple ? 'multiple' : undefined}
      labelInValue
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      disabled={disabled}
      placeholder={t('pairing.leadSearch')}
      value={value}
      onChange={(v) => onChange?.(v as OrgOption | OrgOption[] | undefined)}
      loading={search.isFetching}
      notFoundContent={search.isFetching ? t('common.loading') : t('common.empty')}
      options={search.data?.items.map((o) => ({ value: o.id, label: o.name }))}
    />
  );
}

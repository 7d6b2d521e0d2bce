import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrganizationSearch } from './referenceData';

/** A picked organization: its id and, kept with it, the name it was picked by. */
export interface OrgOption {
  value: string;
  label: string;
}

/**
 * Searches active organizations by name as you type, for one (`multiple` off) or several. The
 * value carries each label, so a pick keeps its name when a later search no longer lists it.
 */
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
      placeholder={t('common.orgSearch')}
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={search.isFetching}
      notFoundContent={search.isFetching ? t('common.loading') : t('common.empty')}
      options={search.data?.items.map((o) => ({ value: o.id, label: o.name }))}
    />
  );
}

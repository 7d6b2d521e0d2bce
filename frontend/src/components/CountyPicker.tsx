import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCountySearch } from './referenceData';

/** A county select that searches /counties as you type, optionally within one province. */
export function CountyPicker({
  province,
  value,
  onChange,
  id,
}: {
  province?: string;
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useCountySearch(province, q);
  return (
    <Select
      id={id}
      data-testid="county-picker"
      style={{ width: '100%' }}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      placeholder={t('common.countySearch')}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v)}
      loading={search.isFetching}
      notFoundContent={search.isFetching ? t('common.loading') : t('common.empty')}
      options={search.data?.items.map((c) => ({
        value: c.code,
        label: `${c.name}（${c.prefecture}，${c.province_name}）${c.code}`,
      }))}
    />
  );
}

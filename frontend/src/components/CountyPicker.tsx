import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { County } from '../api/types';
import { useCountyRefs, useCountySearch } from './referenceData';

type Single = { multiple?: false; value?: string | null; onChange?: (code: string | undefined) => void };
/** Several counties (a case's). Chosen counties keep their names while a search lists others. */
type Multiple = { multiple: true; value?: string[] | null; onChange?: (codes: string[]) => void; maxCount?: number };

const label = (c: Pick<County, 'code' | 'name' | 'prefecture' | 'province_name'>) => `${c.name}（${c.prefecture}，${c.province_name}）${c.code}`;

/** A county select that searches /counties as you type, optionally within one province; one county or several. */
export function CountyPicker({ province, id, disabled, ...props }: { province?: string; id?: string; disabled?: boolean } & (Single | Multiple)) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useCountySearch(province, q);
  // the chosen county or counties, named even when the URL or a link chose them (no search yet)
  const chosen = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];
  const refs = useCountyRefs(chosen);
  const found = search.data?.items.map((c) => ({ value: c.code, label: label(c) })) ?? [];
  // the chosen counties a search no longer lists stay among the options, named
  const kept = chosen.filter((code) => !found.some((o) => o.value === code)).map((code) => {
    const c = refs.get(code);
    return { value: code, label: c ? label(c) : code };
  });
  return (
    <Select<string | string[]>
      id={id}
      data-testid="county-picker"
      style={{ width: '100%' }}
      mode={props.multiple ? 'multiple' : undefined}
      maxCount={props.multiple ? props.maxCount : undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      disabled={disabled}
      placeholder={t('common.countySearch')}
      value={props.value ?? undefined}
      onChange={(v?: string | string[]) => {
        if (props.multiple) props.onChange?.(Array.isArray(v) ? v : []);
        else props.onChange?.(typeof v === 'string' ? v : undefined);
      }}
      loading={search.isFetching}
      notFoundContent={search.isFetching ? t('common.loading') : t('common.empty')}
      options={[...kept, ...found]}
    />
  );
}

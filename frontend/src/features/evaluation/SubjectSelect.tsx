import { useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { brandKeys, roundKeys } from '../../api/queryKeys';
import type { SubjectType } from '../../api/types';
import { useOrganizationSearch, useProvinceOptions } from '../../components/referenceData';

/** A picked subject: its id (a province's code) and the name it was picked by. */
export interface SubjectOption {
  value: string;
  label: string;
}

interface Props {
  value?: SubjectOption | SubjectOption[];
  onChange?: (v: SubjectOption | SubjectOption[] | undefined) => void;
  multiple?: boolean;
  /** Subjects offered first (a round's subjects known from its assignments). */
  extra?: SubjectOption[];
  id?: string;
  testId?: string;
}

/**
 * Subjects of a round's type, searched by name as you type: organizations (`/organizations?q=`,
 * active ones), brands (`/brands?q=`) or provinces (the list, filtered here). The value carries
 * each name, so a pick keeps it when a later search no longer lists it.
 */
export function SubjectSelect({ type, ...props }: Props & { type: SubjectType }) {
  if (type === 'organization') return <OrganizationSubjects {...props} />;
  if (type === 'brand') return <BrandSubjects {...props} />;
  return <ProvinceSubjects {...props} />;
}

/** The subjects of one round, searched by name (`/evaluation-rounds/{id}/subjects?q=`): whom an expert may be added to. */
export function RoundSubjectSelect({ roundId, type, ...props }: Props & { roundId: string; type: SubjectType }) {
  const [q, setQ] = useState('');
  const query = { q: q || undefined, limit: 20 };
  const search = useQuery({
    queryKey: roundKeys.subjects(roundId, query),
    queryFn: () => unwrap(api.GET('/api/v1/evaluation-rounds/{id}/subjects', { params: { path: { id: roundId }, query } })),
    placeholderData: keepPreviousData,
  });
  const found = (search.data?.items ?? []).map((s) => ({ value: s.subject_id, label: s.name }));
  return <SearchSelect {...props} type={type} q={q} onSearch={setQ} found={found} loading={search.isFetching} />;
}

function OrganizationSubjects(props: Props) {
  const [q, setQ] = useState('');
  const search = useOrganizationSearch(q);
  const found = (search.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  return <SearchSelect {...props} type="organization" q={q} onSearch={setQ} found={found} loading={search.isFetching} />;
}

function BrandSubjects(props: Props) {
  const [q, setQ] = useState('');
  const query = { q: q || undefined, limit: 20 };
  const search = useQuery({
    queryKey: brandKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/brands', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const found = (search.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.owner_organization_name}）` }));
  return <SearchSelect {...props} type="brand" q={q} onSearch={setQ} found={found} loading={search.isFetching} />;
}

function ProvinceSubjects(props: Props) {
  const [q, setQ] = useState('');
  const provinces = useProvinceOptions();
  const found = (provinces.data?.items ?? []).filter((p) => !q || p.name.includes(q) || p.code.startsWith(q)).map((p) => ({ value: p.code, label: p.name }));
  return <SearchSelect {...props} type="province" q={q} onSearch={setQ} found={found} loading={provinces.isPending} />;
}

function SearchSelect({
  type,
  q,
  onSearch,
  found,
  loading,
  value,
  onChange,
  multiple,
  extra = [],
  id,
  testId,
}: Props & { type: SubjectType; q: string; onSearch: (q: string) => void; found: SubjectOption[]; loading: boolean }) {
  const { t } = useTranslation();
  const known = extra.filter((s) => !q || s.label.includes(q));
  const seen = new Set(known.map((s) => s.value));
  const options = [...known, ...found.filter((s) => !seen.has(s.value))];
  return (
    <Select<SubjectOption | SubjectOption[]>
      id={id}
      data-testid={testId}
      mode={multiple ? 'multiple' : undefined}
      labelInValue
      showSearch={{ filterOption: false, onSearch }}
      allowClear
      placeholder={t(`evaluation.subjectSearch.${type}`)}
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={loading}
      notFoundContent={loading ? t('common.loading') : t('common.empty')}
      options={options}
    />
  );
}

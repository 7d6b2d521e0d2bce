import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectListQuery } from '../../api/types';
import { useOrganizationProjects } from './incidentsApi';

/**
 * One of an organization's projects (those it takes part in) within the caller's area, searched
 * by title as you type, each named with its county (the incident's place); empty until an
 * organization is chosen.
 */
export function ProjectPicker({
  organizationId,
  area,
  value,
  onChange,
  id,
}: {
  organizationId?: string;
  area: Pick<ProjectListQuery, 'province' | 'county'>;
  value?: string;
  onChange?: (id: string | undefined) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const projects = useOrganizationProjects(organizationId, area, q);
  return (
    <Select<string>
      id={id}
      data-testid="incident-project-picker"
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      disabled={!organizationId}
      placeholder={organizationId ? t('incidents.projectSearch') : t('incidents.projectPickOrgFirst')}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      loading={projects.isFetching}
      notFoundContent={projects.isFetching ? t('common.loading') : t('incidents.noProjects')}
      options={projects.data?.items.map((p) => ({ value: p.id, label: `${p.title}（${p.county_name}）` }))}
    />
  );
}

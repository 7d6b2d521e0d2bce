import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../api/types';
import { useBrandName, useBrandOptions } from './api';

/**
 * The brand a project carries: one of its organizations' brands, or none (cleared, it is
 * unlinked). A revoked brand cannot be chosen; the current one stays listed even if the reader
 * cannot see it among the options.
 */
export function ProjectBrandSelect({
  project,
  value,
  onChange,
  id,
}: {
  project: Pick<Project, 'organizations' | 'brand_id'>;
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const { brands, loading } = useBrandOptions(project.organizations.map((o) => o.organization_id));
  const currentName = useBrandName(project.brand_id);
  const options = brands
    .filter((b) => b.status !== 'revoked' || b.id === project.brand_id)
    .map((b) => ({ value: b.id, label: `${b.name}（${b.owner_organization_name} · ${t(`brandStatus.${b.status}`)}）` }));
  if (project.brand_id && !options.some((o) => o.value === project.brand_id)) {
    options.unshift({ value: project.brand_id, label: currentName.data ?? t('project.brandUnnamed') });
  }
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      data-testid="project-brand"
      placeholder={t('project.brandOptional')}
      loading={loading}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      options={options}
      notFoundContent={loading ? t('common.loading') : t('common.empty')}
    />
  );
}

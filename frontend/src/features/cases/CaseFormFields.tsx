import type { ReactNode } from 'react';
import { Checkbox, Flex, Form, Input, Radio, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CASE_LINES, type Case } from '../../api/types';
import { CountyPicker } from '../../components/CountyPicker';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { useCollections, useOrganizationBrands, useOrganizationProjects } from './api';
import { CASE_SECTIONS, MAX_CASE_LINKS, SECTION_MAX, type CaseFormValues } from './caseForm';
import { isPastDeadline, openCollections, todayIso } from './caseLogic';

/**
 * The fields of a case, the same when it is written and when it is edited, inside a form whose
 * values are CaseFormValues. Its collection and organization are chosen once (`existing` fixes
 * them); brand and projects are the chosen organization's own.
 */
export function CaseFormFields({ existing, organizationFixed }: { existing?: Case; organizationFixed: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<CaseFormValues>();
  const organization = Form.useWatch('organization', form) as CaseFormValues['organization'];
  const orgId = organization?.value;
  const collections = useCollections();
  const projects = useOrganizationProjects(orgId);
  const brands = useOrganizationBrands(orgId);
  const today = todayIso();
  const required = { required: true, message: t('cases.required') };

  const open = openCollections(collections.data?.items ?? []);
  const collectionOptions: { value: string; label: ReactNode }[] = existing
    ? [{ value: existing.collection_id, label: existing.collection_title }]
    : open.map((c) => ({
        value: c.id,
        label: (
          <Flex gap={4} wrap align="center">
            {t('cases.collectionDeadline', { title: `${c.year} · ${c.title}`, deadline: c.deadline })}
            {isPastDeadline(c.deadline, today) && <Tag color="orange">{t('collections.pastDeadline')}</Tag>}
          </Flex>
        ),
      }));
  const chosenProjects = (Form.useWatch('project_ids', form) as string[] | undefined) ?? [];
  const projectOptions = [
    ...(projects.data ?? []).map((p) => ({
      value: p.id,
      label: `${p.title}（${p.county_name} · ${t(`projectStatus.${p.status}`)}）`,
    })),
    // a linked project no longer listed (its organization's answer changed) keeps its place, unnamed
    ...chosenProjects.filter((id) => !projects.data?.some((p) => p.id === id)).map((id) => ({ value: id, label: id })),
  ];
  // minWidth 0: a long choice wraps inside its field instead of widening the form on a phone
  const half = { flex: '1 1 280px', minWidth: 0 };

  return (
    <>
      <Flex gap={16} wrap>
        <Form.Item label={t('cases.collection')} name="collection_id" rules={[required]} style={half}>
          <Select
            data-testid="case-collection"
            disabled={!!existing}
            loading={collections.isPending}
            notFoundContent={t('cases.noOpenCollections')}
            options={collectionOptions}
          />
        </Form.Item>
        <Form.Item label={t('cases.organization')} name="organization" rules={[required]} style={half}>
          <OrganizationSelect testId="case-organization" disabled={!!existing || organizationFixed} />
        </Form.Item>
      </Flex>
      <Form.Item label={t('cases.name')} name="title" rules={[{ ...required, whitespace: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('cases.line')} name="line" rules={[required]}>
        <Radio.Group
          optionType="button"
          data-testid="case-line"
          options={CASE_LINES.map((l) => ({ value: l, label: t(`cases.lines.${l}`) }))}
        />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item label={t('cases.brand')} name="brand_id" style={half}>
          <Select
            allowClear
            data-testid="case-brand"
            disabled={!orgId}
            placeholder={orgId ? t('cases.brandOptional') : t('cases.pickOrganizationFirst')}
            loading={brands.isFetching}
            options={brands.data?.map((b) => ({ value: b.id, label: `${b.name}（${t(`cases.lines.${b.line}`)}）` }))}
          />
        </Form.Item>
        <Form.Item label={t('cases.counties')} name="county_codes" extra={t('cases.countiesHint')} style={half}>
          <CountyPicker multiple maxCount={MAX_CASE_LINKS} />
        </Form.Item>
      </Flex>
      <Form.Item label={t('cases.projects')} name="project_ids" extra={t('cases.projectsHint')}>
        <Select
          mode="multiple"
          allowClear
          data-testid="case-projects"
          maxCount={MAX_CASE_LINKS}
          disabled={!orgId}
          placeholder={orgId ? t('cases.projectsPlaceholder') : t('cases.pickOrganizationFirst')}
          loading={projects.isFetching}
          notFoundContent={projects.isFetching ? t('common.loading') : t('cases.noProjects')}
          showSearch={{ optionFilterProp: 'label' }}
          options={projectOptions}
        />
      </Form.Item>
      {CASE_SECTIONS.map((s) => (
        <Form.Item
          key={s}
          label={t(`cases.sections.${s}`)}
          name={s}
          // the hint keeps clear of the character count under the field's right edge
          extra={<span style={{ display: 'block', paddingInlineEnd: 88 }}>{t(`cases.sectionHints.${s}`)}</span>}
        >
          <Input.TextArea data-testid={`case-section-${s}`} autoSize={{ minRows: 4, maxRows: 14 }} maxLength={SECTION_MAX} showCount />
        </Form.Item>
      ))}
      <Form.Item label={t('cases.consent')} extra={t('cases.consentHint')}>
        <Form.Item name="consent_to_publish" valuePropName="checked" noStyle>
          <Checkbox data-testid="case-consent">
            <Typography.Text>{t('cases.consentLabel')}</Typography.Text>
          </Checkbox>
        </Form.Item>
      </Form.Item>
    </>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { TIE_KINDS, type Ties } from '../../api/types';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useProvinceOptions } from '../../components/referenceData';
import { EmptyState, QueryState } from '../../components/states';
import { useSaveTies, useTies } from './api';
import { newTieRow, relationsOf, tieFieldErrors, tieRowsOf, toTies, type TieRow } from './ties';

/**
 * 利益冲突申报: the organizations an expert works for, advises or donates to, and the provinces
 * they work in. No assignment is made across a declared tie.
 */
export function TiesPage() {
  const { t } = useTranslation();
  const ties = useTies();
  return (
    <>
      <PageHeader title={t('scoring.ties.title')} subTitle={t('scoring.ties.subtitle')} />
      <QueryState query={ties}>{(data) => <TiesForm saved={data} />}</QueryState>
    </>
  );
}

function TiesForm({ saved }: { saved: Ties }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ ties: TieRow[] }>();
  const save = useSaveTies();
  const provinces = useProvinceOptions();
  const [problem, setProblem] = useState<unknown>(null);

  const submit = async () => {
    setProblem(null);
    const { ties: rows = [] } = await form.validateFields();
    try {
      const kept = await save.mutateAsync(toTies(rows));
      // the form shows what the server kept (names, duplicates dropped)
      form.setFieldsValue({ ties: tieRowsOf(kept.ties) });
      void message.success(t('scoring.ties.saved'));
    } catch (e) {
      if (e instanceof ApiError && e.errors.length > 0) {
        const { fields, rest } = tieFieldErrors(e.errors, rows);
        form.setFields(fields as never);
        if (rest.length > 0) setProblem(e);
      } else {
        setProblem(e);
      }
    }
  };

  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon title={t('scoring.ties.hint')} />
      {problem != null && <ProblemAlert error={problem} />}
      <Card size="small">
        <Form form={form} layout="vertical" name="ties" data-testid="ties-form" initialValues={{ ties: tieRowsOf(saved.ties) }}>
          <Form.List name="ties">
            {(fields, { add, remove }) => (
              <Flex vertical gap={12}>
                {fields.length === 0 && <EmptyState description={t('scoring.ties.empty')} />}
                {fields.map(({ key, name }) => (
                  <Card key={key} size="small" type="inner" data-testid="tie-row">
                    <Flex gap={12} wrap align="flex-start">
                      <Form.Item label={t('scoring.ties.kind')} name={[name, 'kind']} style={{ width: 120, marginBottom: 0 }}>
                        <Select
                          data-testid="tie-kind"
                          options={TIE_KINDS.map((k) => ({ value: k, label: t(`scoring.ties.kinds.${k}`) }))}
                          onChange={(kind: TieRow['kind']) => {
                            form.setFieldValue(['ties', name, 'relation'], relationsOf(kind)[0]);
                            form.setFieldValue(['ties', name, 'organization'], undefined);
                            form.setFieldValue(['ties', name, 'province'], undefined);
                          }}
                        />
                      </Form.Item>
                      <Form.Item noStyle shouldUpdate={(prev, next) => prev.ties?.[name]?.kind !== next.ties?.[name]?.kind}>
                        {() => {
                          const kind = (form.getFieldValue(['ties', name, 'kind']) as TieRow['kind'] | undefined) ?? 'organization';
                          return (
                            <>
                              {kind === 'organization' ? (
                                <Form.Item
                                  label={t('scoring.ties.organization')}
                                  name={[name, 'organization']}
                                  rules={[{ required: true, message: t('scoring.ties.targetRequired') }]}
                                  style={{ flex: '2 1 240px', minWidth: 0, marginBottom: 0 }}
                                >
                                  <OrganizationSelect testId="tie-organization" />
                                </Form.Item>
                              ) : (
                                <Form.Item
                                  label={t('scoring.ties.province')}
                                  name={[name, 'province']}
                                  rules={[{ required: true, message: t('scoring.ties.targetRequired') }]}
                                  style={{ flex: '2 1 240px', minWidth: 0, marginBottom: 0 }}
                                >
                                  <Select
                                    data-testid="tie-province"
                                    showSearch={{ optionFilterProp: 'label' }}
                                    placeholder={t('scoring.ties.provincePlaceholder')}
                                    loading={provinces.isPending}
                                    options={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
                                  />
                                </Form.Item>
                              )}
                              <Form.Item label={t('scoring.ties.relation')} name={[name, 'relation']} style={{ width: 150, marginBottom: 0 }}>
                                <Select data-testid="tie-relation" options={relationsOf(kind).map((r) => ({ value: r, label: t(`scoring.ties.relations.${r}`) }))} />
                              </Form.Item>
                            </>
                          );
                        }}
                      </Form.Item>
                      <Form.Item label={t('scoring.ties.note')} name={[name, 'note']} style={{ flex: '3 1 240px', minWidth: 0, marginBottom: 0 }}>
                        <Input maxLength={5000} placeholder={t('scoring.ties.notePlaceholder')} data-testid="tie-note" />
                      </Form.Item>
                      <Form.Item label=" " colon={false} style={{ marginBottom: 0 }}>
                        <Button danger type="text" icon={<DeleteOutlined />} onClick={() => remove(name)} aria-label={t('scoring.ties.remove')} data-testid="tie-remove" />
                      </Form.Item>
                    </Flex>
                  </Card>
                ))}
                <Flex gap={8} wrap justify="space-between">
                  <Button icon={<PlusOutlined />} onClick={() => add(newTieRow())} data-testid="tie-add">
                    {t('scoring.ties.add')}
                  </Button>
                  <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => void submit().catch(() => undefined)} data-testid="ties-save">
                    {t('scoring.ties.save')}
                  </Button>
                </Flex>
              </Flex>
            )}
          </Form.List>
        </Form>
      </Card>
      <Typography.Text type="secondary">{t('scoring.ties.count', { count: saved.ties.length })}</Typography.Text>
    </Flex>
  );
}

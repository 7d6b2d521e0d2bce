import { Alert, Button, Card, Empty, Flex, Form, Input, InputNumber, Radio, Select, Typography, type FormListFieldData } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { IndicatorMetric, Normalization, SubjectType } from '../../api/types';
import { useIndicatorMetrics } from './api';
import { WeightSumTag } from './EvaluationTags';
import { newBand, newDimension, newIndicator, weightSum, type DimensionValues, type IndicatorValues, type TreeValues } from './frameworkTree';

/** Server errors about a group or a node (not one input), by the server's field name. */
export type NodeErrors = Record<string, string[]>;

const CODE_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;
const half = { flex: '1 1 200px', minWidth: 0 };
const narrow = { flex: '0 0 120px' };

/** The messages of one node, in red where the node is drawn. */
function NodeError({ messages, testId }: { messages?: string[]; testId: string }) {
  if (!messages || messages.length === 0) return null;
  return <Alert type="error" showIcon data-testid={testId} title={messages.join('；')} style={{ marginBottom: 8 }} />;
}

/** The metric's name in the UI language, with its unit. */
export function metricLabel(m: IndicatorMetric, language: string): string {
  return language === 'en' ? `${m.name_en} (${m.unit})` : `${m.name_zh}（${m.unit}）`;
}

/**
 * The framework's tree inside the editor's form (`tree.dimensions[…]`): each dimension with its
 * weight and its indicators, the sum of every sibling group's weights as typed (green at 100),
 * and each indicator's method fields — a metric and its normalization, or rubric bands.
 * Read-only (the form disabled, no add or remove) unless `editable`.
 */
export function TreeEditor({ subjectType, editable, errors }: { subjectType: SubjectType | undefined; editable: boolean; errors: NodeErrors }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const tree = Form.useWatch<TreeValues | undefined>('tree', form);
  const dims = tree?.dimensions ?? [];

  return (
    <Form.List name={['tree', 'dimensions']}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={16} data-testid="tree-editor">
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('evaluation.tree.title')}
            </Typography.Title>
            {fields.length > 0 && (
              <Flex align="center" gap={4}>
                <Typography.Text type="secondary">{t('evaluation.tree.dimensionsSum')}</Typography.Text>
                <WeightSumTag sum={weightSum(dims)} testId="dimensions-sum" />
              </Flex>
            )}
          </Flex>
          <NodeError messages={[...(errors['tree'] ?? []), ...(errors['tree.dimensions'] ?? [])]} testId="node-error-dimensions" />
          {fields.length === 0 && <Empty description={t('evaluation.tree.noDimensions')} data-testid="tree-empty" />}
          {fields.map((field, d) => (
            <DimensionCard
              key={field.key}
              field={field}
              index={d}
              dimension={dims[d]}
              subjectType={subjectType}
              editable={editable}
              errors={errors}
              onRemove={() => remove(field.name)}
            />
          ))}
          {editable && (
            <Button
              icon={<PlusOutlined />}
              data-testid="dimension-add"
              onClick={() => add(newDimension(form.getFieldValue('tree') as TreeValues))}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('evaluation.tree.addDimension')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

function DimensionCard({
  field,
  index: d,
  dimension,
  subjectType,
  editable,
  errors,
  onRemove,
}: {
  field: FormListFieldData;
  index: number;
  dimension: DimensionValues | undefined;
  subjectType: SubjectType | undefined;
  editable: boolean;
  errors: NodeErrors;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const indicators = dimension?.indicators ?? [];
  const at = `tree.dimensions[${d}]`;
  return (
    <Card
      size="small"
      data-testid={`dimension-${d}`}
      title={t('evaluation.tree.dimensionN', { n: d + 1 })}
      styles={{ body: { paddingBottom: 4 } }}
      extra={
        editable && (
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('evaluation.tree.removeDimension')} onClick={onRemove} data-testid={`dimension-${d}-remove`} />
        )
      }
    >
      <NodeError messages={errors[at]} testId={`node-error-${d}`} />
      <Flex gap={12} wrap>
        <Form.Item label={t('evaluation.tree.dimensionCode')} name={[field.name, 'code']} rules={codeRules(t)} style={narrow}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item label={t('evaluation.tree.dimensionName')} name={[field.name, 'name']} rules={nameRules(t)} style={half}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('evaluation.tree.dimensionWeight')} name={[field.name, 'weight']} rules={weightRules(t)} style={narrow}>
          <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.List name={[field.name, 'indicators']}>
        {(inds, { add, remove }) => (
          <Flex vertical gap={8} style={{ marginBottom: 12 }}>
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Typography.Text strong>{t('evaluation.tree.indicators')}</Typography.Text>
              {inds.length > 0 && (
                <Flex align="center" gap={4}>
                  <Typography.Text type="secondary">{t('evaluation.tree.indicatorsSum')}</Typography.Text>
                  <WeightSumTag sum={weightSum(indicators)} testId={`dimension-${d}-sum`} />
                </Flex>
              )}
            </Flex>
            <NodeError messages={errors[`${at}.indicators`]} testId={`node-error-${d}-indicators`} />
            {inds.length === 0 && (
              <Typography.Text type="secondary" data-testid={`dimension-${d}-empty`}>
                {t('evaluation.tree.noIndicators')}
              </Typography.Text>
            )}
            {inds.map((ind, i) => (
              <IndicatorCard
                key={ind.key}
                field={ind}
                at={`${at}.indicators[${i}]`}
                testId={`indicator-${d}-${i}`}
                indicator={indicators[i]}
                subjectType={subjectType}
                editable={editable}
                errors={errors}
                onRemove={() => remove(ind.name)}
              />
            ))}
            {editable && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                data-testid={`dimension-${d}-add-indicator`}
                onClick={() => add(newIndicator(form.getFieldValue('tree') as TreeValues, dimension?.code))}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('evaluation.tree.addIndicator')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}

function IndicatorCard({
  field,
  at,
  testId,
  indicator,
  subjectType,
  editable,
  errors,
  onRemove,
}: {
  field: FormListFieldData;
  at: string;
  testId: string;
  indicator: IndicatorValues | undefined;
  subjectType: SubjectType | undefined;
  editable: boolean;
  errors: NodeErrors;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const metrics = useIndicatorMetrics();
  const form = Form.useFormInstance();
  const fitting = (metrics.data?.items ?? []).filter((m) => !subjectType || m.subject_types.includes(subjectType));
  const chosen = fitting.find((m) => m.code === indicator?.metric);
  const method = indicator?.method ?? 'computed';
  return (
    <div
      data-testid={testId}
      style={{ position: 'relative', border: '1px solid #f0f0f0', borderRadius: 6, padding: editable ? '8px 40px 0 12px' : '8px 12px 0', background: '#fafafa' }}
    >
      <NodeError messages={errors[at]} testId={`${testId}-error`} />
      <Flex gap={12} wrap align="flex-start">
        <Form.Item label={t('evaluation.tree.indicatorCode')} name={[field.name, 'code']} rules={codeRules(t)} style={narrow}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item label={t('evaluation.tree.indicatorName')} name={[field.name, 'name']} rules={nameRules(t)} style={half}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('evaluation.tree.indicatorWeight')} name={[field.name, 'weight']} rules={weightRules(t)} style={narrow}>
          <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('evaluation.tree.method')} name={[field.name, 'method']} style={{ flex: '0 0 auto' }}>
          <Radio.Group
            optionType="button"
            data-testid={`${testId}-method`}
            options={[
              { value: 'computed', label: t('evaluation.methods.computed') },
              { value: 'expert', label: t('evaluation.methods.expert') },
            ]}
            onChange={(e) => {
              // an expert indicator starts with one band to describe
              const rubric = form.getFieldValue(['tree', ...pathOf(at), 'rubric']) as unknown[] | undefined;
              if (e.target.value === 'expert' && (!rubric || rubric.length === 0)) form.setFieldValue(['tree', ...pathOf(at), 'rubric'], [newBand([])]);
            }}
          />
        </Form.Item>
        {editable && (
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('evaluation.tree.removeIndicator')}
            onClick={onRemove}
            data-testid={`${testId}-remove`}
            style={{ position: 'absolute', top: 4, right: 4 }}
          />
        )}
      </Flex>
      {method === 'computed' ? (
        <Flex gap={12} wrap>
          <Form.Item
            label={t('evaluation.tree.metric')}
            name={[field.name, 'metric']}
            rules={[
              { required: true, message: t('evaluation.tree.metricRequired') },
              {
                validator: (_, v?: string | null) =>
                  !v || !metrics.data || fitting.some((m) => m.code === v) ? Promise.resolve() : Promise.reject(new Error(t('evaluation.tree.metricNotForSubject'))),
              },
            ]}
            extra={chosen ? (i18n.language === 'en' ? chosen.description_en : chosen.description_zh) : undefined}
            style={{ flex: '2 1 280px', minWidth: 0 }}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              data-testid={`${testId}-metric`}
              loading={metrics.isPending}
              placeholder={t('evaluation.tree.metricPlaceholder')}
              options={fitting.map((m) => ({ value: m.code, label: metricLabel(m, i18n.language) }))}
            />
          </Form.Item>
          <Form.Item label={t('evaluation.tree.normalization')} name={[field.name, 'normalization']} style={{ flex: '1 1 180px', minWidth: 0 }}>
            <Select<Normalization>
              data-testid={`${testId}-normalization`}
              options={[
                { value: 'min_max', label: t('evaluation.normalizations.min_max') },
                { value: 'target', label: t('evaluation.normalizations.target') },
              ]}
            />
          </Form.Item>
          {indicator?.normalization === 'target' && (
            <Form.Item
              label={t('evaluation.tree.target')}
              name={[field.name, 'target']}
              rules={[
                { required: true, message: t('evaluation.tree.targetRequired') },
                { type: 'number', min: Number.MIN_VALUE, message: t('evaluation.tree.targetRequired') },
              ]}
              extra={t('evaluation.tree.targetHint')}
              style={{ flex: '1 1 160px', minWidth: 0 }}
            >
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          )}
        </Flex>
      ) : (
        <RubricEditor field={field} at={at} testId={testId} editable={editable} errors={errors} />
      )}
    </div>
  );
}

/** `tree.dimensions[1].indicators[0]` → ['dimensions', 1, 'indicators', 0] (under the form's `tree`). */
function pathOf(at: string): (string | number)[] {
  return at
    .replace(/^tree\./, '')
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** An expert indicator's score bands: from–to and what a score in the band means. */
function RubricEditor({ field, at, testId, editable, errors }: { field: FormListFieldData; at: string; testId: string; editable: boolean; errors: NodeErrors }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List name={[field.name, 'rubric']}>
      {(bands, { add, remove }) => (
        <Flex vertical gap={4} style={{ marginBottom: 12 }} data-testid={`${testId}-rubric`}>
          <Typography.Text type="secondary">{t('evaluation.tree.rubric')}</Typography.Text>
          <NodeError messages={errors[`${at}.rubric`]} testId={`${testId}-rubric-error`} />
          {bands.map((band, b) => (
            <div key={band.key}>
              <NodeError messages={errors[`${at}.rubric[${b}]`]} testId={`${testId}-band-${b}-error`} />
              <Flex gap={8} wrap align="flex-start" data-testid={`${testId}-band-${b}`}>
                <Form.Item
                  name={[band.name, 'min']}
                  rules={[{ required: true, type: 'number', min: 0, max: 100, message: t('evaluation.tree.bandRange') }]}
                  style={{ flex: '0 0 96px', marginBottom: 8 }}
                >
                  <InputNumber min={0} max={100} precision={0} aria-label={t('evaluation.tree.bandMin')} placeholder={t('evaluation.tree.bandMin')} style={{ width: '100%' }} />
                </Form.Item>
                <Typography.Text style={{ lineHeight: '32px' }}>–</Typography.Text>
                <Form.Item
                  name={[band.name, 'max']}
                  dependencies={[[...['tree', ...pathOf(at)], 'rubric', band.name, 'min']]}
                  rules={[
                    { required: true, type: 'number', min: 0, max: 100, message: t('evaluation.tree.bandRange') },
                    {
                      validator: (_, v?: number | null) => {
                        const min = form.getFieldValue(['tree', ...pathOf(at), 'rubric', band.name, 'min']) as number | null | undefined;
                        return v == null || min == null || v >= min ? Promise.resolve() : Promise.reject(new Error(t('evaluation.tree.bandOrder')));
                      },
                    },
                  ]}
                  style={{ flex: '0 0 96px', marginBottom: 8 }}
                >
                  <InputNumber min={0} max={100} precision={0} aria-label={t('evaluation.tree.bandMax')} placeholder={t('evaluation.tree.bandMax')} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item
                  name={[band.name, 'description']}
                  rules={[{ required: true, whitespace: true, message: t('evaluation.tree.bandDescriptionRequired') }]}
                  style={{ flex: '1 1 220px', minWidth: 0, marginBottom: 8 }}
                >
                  <Input maxLength={5000} aria-label={t('evaluation.tree.bandDescription')} placeholder={t('evaluation.tree.bandDescription')} />
                </Form.Item>
                {editable && (
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('evaluation.tree.removeBand')} onClick={() => remove(band.name)} />
                )}
              </Flex>
            </div>
          ))}
          {editable && (
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              data-testid={`${testId}-add-band`}
              onClick={() => add(newBand(form.getFieldValue(['tree', ...pathOf(at), 'rubric']) as IndicatorValues['rubric']))}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('evaluation.tree.addBand')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

type T = (key: string) => string;

function codeRules(t: T) {
  return [
    { required: true, message: t('evaluation.tree.codeRequired') },
    { pattern: CODE_PATTERN, message: t('evaluation.tree.codePattern') },
  ];
}

function nameRules(t: T) {
  return [{ required: true, whitespace: true, message: t('evaluation.tree.nameRequired') }];
}

function weightRules(t: T) {
  return [{ type: 'number' as const, min: 0, max: 100, message: t('evaluation.tree.weightRange') }];
}

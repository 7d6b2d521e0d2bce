import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Radio, Select, Steps, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, fieldErrors } from '../../api/problem';
import type { Framework, SubjectFilter } from '../../api/types';
import { DetailFields } from '../../components/DetailFields';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useCreateRound, useFrameworks } from './api';
import { SubjectTypeTag } from './EvaluationTags';
import { filtersFor, roundFormFieldOf, toNewRound, wizardStepOf, type RoundFormValues } from './roundLogic';
import { SubjectSelect, type SubjectOption } from './SubjectSelect';

/** The wizard's form: the period as the RangePicker holds it. */
type WizardValues = Omit<RoundFormValues, 'period'> & { period?: [Dayjs, Dayjs] };

/** The fields each step checks before the next. */
const STEP_FIELDS: (keyof WizardValues)[][] = [['framework_id'], ['name', 'year', 'period'], ['subject_filter', 'subjects'], ['min_evaluators', 'public_top']];

/**
 * 新建评估轮次: four steps — an active framework; name, year and period; the subjects (a filter
 * of the framework's subject type, or listed one by one); experts per subject and how many of
 * the top the public sees. Creates a draft round and opens it.
 */
export function RoundWizardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<WizardValues>();
  const [step, setStep] = useState(0);
  const [unplaced, setUnplaced] = useState(false);
  const create = useCreateRound();
  const frameworks = useFrameworks({ status: 'active', limit: 200 });
  const frameworkId = Form.useWatch('framework_id', form);
  const filter = Form.useWatch('subject_filter', form);
  const framework = frameworks.data?.items.find((f) => f.id === frameworkId);
  const thisYear = new Date().getFullYear();

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step]);
      setStep((s) => Math.min(s + 1, STEP_FIELDS.length - 1));
    } catch {
      /* the fields show what is missing */
    }
  };

  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const v = form.getFieldsValue(true) as WizardValues;
    const values: RoundFormValues = { ...v, period: v.period ? [v.period[0].format('YYYY-MM-DD'), v.period[1].format('YYYY-MM-DD')] : undefined };
    create.mutate(toNewRound(values), {
      onSuccess: (r) => {
        void message.success(t('evaluation.round.created'));
        navigate(`/evaluation/rounds/${r.id}`);
      },
      onError: (e) => {
        const errors = fieldErrors(e);
        // each error on its field, and back to the first step holding one
        if (errors.length > 0) {
          form.setFields(errors.map((f) => ({ name: roundFormFieldOf(f.name), errors: f.errors })));
          setStep(Math.min(...errors.map((f) => wizardStepOf(f.name))));
        }
        setUnplaced(errors.length === 0);
      },
    });
  };

  const frameworkOptions = (frameworks.data?.items ?? []).map((f) => ({
    value: f.id,
    label: `${f.name} v${f.version}（${t(`evaluation.subjectTypes.${f.subject_type}`)}）`,
  }));

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('evaluation.round.title'), to: '/evaluation/rounds' }]}
        title={t('evaluation.round.create')}
        extra={
          <Link to="/evaluation/rounds">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <Card style={{ maxWidth: 900 }}>
        <Steps
          current={step}
          size="small"
          data-testid="round-steps"
          style={{ marginBottom: 24 }}
          onChange={(s) => (s < step ? setStep(s) : void next())}
          items={[
            { title: t('evaluation.wizard.stepFramework') },
            { title: t('evaluation.wizard.stepBasics') },
            { title: t('evaluation.wizard.stepSubjects') },
            { title: t('evaluation.wizard.stepExperts') },
          ]}
        />
        {create.isError && (unplaced || !(create.error instanceof ApiError)) && <ProblemAlert error={create.error} />}
        <Form<WizardValues>
          form={form}
          layout="vertical"
          name="round"
          data-testid="round-form"
          initialValues={{
            year: thisYear,
            period: [dayjs(`${thisYear}-01-01`), dayjs(`${thisYear}-12-31`)],
            min_evaluators: 2,
            public_top: 10,
          }}
          onValuesChange={(changed: Partial<WizardValues>) => {
            // another framework may evaluate another subject type: its filters and subjects start again
            if ('framework_id' in changed) form.setFieldsValue({ subject_filter: undefined, subjects: [] });
            // a new year moves a whole-year period with it
            if ('year' in changed && changed.year) form.setFieldValue('period', [dayjs(`${changed.year}-01-01`), dayjs(`${changed.year}-12-31`)]);
          }}
        >
          <div hidden={step !== 0}>
            <Form.Item
              label={t('evaluation.round.framework')}
              name="framework_id"
              rules={[{ required: true, message: t('evaluation.wizard.frameworkRequired') }]}
              extra={t('evaluation.wizard.frameworkHint')}
            >
              <Select
                data-testid="round-framework"
                loading={frameworks.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                options={frameworkOptions}
                notFoundContent={t('evaluation.wizard.noActiveFrameworks')}
              />
            </Form.Item>
            {framework && <FrameworkSummary framework={framework} />}
            {frameworks.data && frameworks.data.items.length === 0 && (
              <Alert type="info" showIcon title={t('evaluation.wizard.noActiveFrameworks')} action={<Link to="/evaluation/frameworks">{t('evaluation.framework.title')}</Link>} />
            )}
          </div>
          <div hidden={step !== 1}>
            <Form.Item label={t('evaluation.round.name')} name="name" rules={[{ required: true, whitespace: true, message: t('evaluation.required') }]}>
              <Input maxLength={200} data-testid="round-name" placeholder={t('evaluation.wizard.namePlaceholder')} />
            </Form.Item>
            <Flex gap={16} wrap>
              <Form.Item label={t('evaluation.round.year')} name="year" rules={[{ required: true, type: 'number', min: 2021, max: 2100, message: t('evaluation.wizard.yearRange') }]} style={{ flex: '0 0 160px' }}>
                <InputNumber min={2021} max={2100} precision={0} style={{ width: '100%' }} data-testid="round-year" />
              </Form.Item>
              <Form.Item
                label={t('evaluation.round.period')}
                name="period"
                rules={[{ required: true, message: t('evaluation.required') }]}
                extra={t('evaluation.wizard.periodHint')}
                style={{ flex: '1 1 280px', minWidth: 0 }}
              >
                <DatePicker.RangePicker style={{ width: '100%' }} data-testid="round-period" />
              </Form.Item>
            </Flex>
          </div>
          <div hidden={step !== 2}>
            {framework ? (
              <>
                <Form.Item label={t('evaluation.round.subjectFilter')} name="subject_filter" rules={[{ required: true, message: t('evaluation.wizard.filterRequired') }]}>
                  <Radio.Group data-testid="round-filter">
                    <Flex vertical gap={8}>
                      {filtersFor(framework.subject_type).map((f) => (
                        <Radio key={f} value={f} data-testid={`round-filter-${f}`}>
                          {t(`evaluation.filters.${f}`)}
                          <Typography.Text type="secondary"> — {t(f === 'all' || f === 'listed' ? `evaluation.filterHints.${f}.${framework.subject_type}` : `evaluation.filterHints.${f}`)}</Typography.Text>
                        </Radio>
                      ))}
                    </Flex>
                  </Radio.Group>
                </Form.Item>
                {filter === 'listed' && (
                  <Form.Item
                    label={t(`evaluation.wizard.listed.${framework.subject_type}`)}
                    name="subjects"
                    rules={[{ required: true, type: 'array', min: 1, message: t('evaluation.wizard.subjectsRequired') }]}
                    extra={t('evaluation.wizard.listedHint')}
                  >
                    <SubjectSelect type={framework.subject_type} multiple testId="round-subjects" />
                  </Form.Item>
                )}
              </>
            ) : (
              <Alert type="info" showIcon title={t('evaluation.wizard.frameworkFirst')} />
            )}
          </div>
          <div hidden={step !== 3}>
            <Flex gap={16} wrap>
              <Form.Item
                label={t('evaluation.round.minEvaluators')}
                name="min_evaluators"
                rules={[{ required: true, type: 'number', min: 1, max: 9, message: t('evaluation.wizard.expertsRange') }]}
                extra={t('evaluation.wizard.expertsHint')}
                style={{ flex: '1 1 260px' }}
              >
                <InputNumber min={1} max={9} precision={0} style={{ width: 160 }} data-testid="round-min-evaluators" />
              </Form.Item>
              <Form.Item
                label={t('evaluation.round.publicTop')}
                name="public_top"
                rules={[{ required: true, type: 'number', min: 0, max: 100, message: t('evaluation.wizard.topRange') }]}
                extra={t('evaluation.wizard.topHint')}
                style={{ flex: '1 1 260px' }}
              >
                <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} data-testid="round-public-top" />
              </Form.Item>
            </Flex>
            {step === 3 && <WizardSummary values={form.getFieldsValue(true) as WizardValues} framework={framework} />}
          </div>
        </Form>
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          {step > 0 && (
            <Button onClick={() => setStep((s) => s - 1)} data-testid="round-prev">
              {t('evaluation.wizard.prev')}
            </Button>
          )}
          {step < STEP_FIELDS.length - 1 ? (
            <Button type="primary" onClick={() => void next()} data-testid="round-next">
              {t('evaluation.wizard.next')}
            </Button>
          ) : (
            <Button type="primary" onClick={() => void submit()} loading={create.isPending} data-testid="round-submit">
              {t('evaluation.round.createSubmit')}
            </Button>
          )}
        </Flex>
      </Card>
    </>
  );
}

function FrameworkSummary({ framework: f }: { framework: Framework }) {
  const { t } = useTranslation();
  const experts = f.tree.dimensions.reduce((s, d) => s + d.indicators.filter((i) => i.method === 'expert').length, 0);
  const indicators = f.tree.dimensions.reduce((s, d) => s + d.indicators.length, 0);
  return (
    <DetailFields size="small" column={{ xs: 1, md: 2 }} bordered data-testid="round-framework-summary">
      <Descriptions.Item label={t('evaluation.subjectType')}>
        <SubjectTypeTag type={f.subject_type} />
      </Descriptions.Item>
      <Descriptions.Item label={t('evaluation.framework.size')}>{t('evaluation.framework.sizeValue', { dimensions: f.tree.dimensions.length, indicators })}</Descriptions.Item>
      <Descriptions.Item label={t('evaluation.wizard.dimensions')} span={{ xs: 1, md: 2 }}>
        {f.tree.dimensions.map((d) => `${d.name} ${d.weight}%`).join(' · ')}
      </Descriptions.Item>
      <Descriptions.Item label={t('evaluation.wizard.expertIndicators')} span={{ xs: 1, md: 2 }}>
        {experts > 0 ? t('evaluation.wizard.expertIndicatorsCount', { count: experts }) : t('evaluation.wizard.noExpertIndicators')}
      </Descriptions.Item>
    </DetailFields>
  );
}

function WizardSummary({ values: v, framework }: { values: WizardValues; framework?: Framework }) {
  const { t } = useTranslation();
  const filter = v.subject_filter as SubjectFilter | undefined;
  const subjects = (v.subjects ?? []) as SubjectOption[];
  return (
    <DetailFields size="small" column={1} bordered title={t('evaluation.wizard.summary')} data-testid="round-summary" styles={{ label: { width: 140 } }}>
      <Descriptions.Item label={t('evaluation.round.framework')}>{framework ? `${framework.name} v${framework.version}` : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('evaluation.round.name')}>{v.name || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('evaluation.round.period')}>
        {v.year} · {v.period ? `${v.period[0].format('YYYY-MM-DD')} ~ ${v.period[1].format('YYYY-MM-DD')}` : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('evaluation.round.subjectFilter')}>
        {filter ? t(`evaluation.filters.${filter}`) : '—'}
        {filter === 'listed' && t('evaluation.wizard.listedSubjects', { names: subjects.map((s) => s.label).join(t('evaluation.listSeparator')) })}
      </Descriptions.Item>
    </DetailFields>
  );
}

import { DatePicker, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ASSISTANCE_TYPES, DEPARTMENTS, TRAINING_MODES } from '../../api/types';
import { CountyPicker } from '../../components/CountyPicker';
import { useCountyRefs, useProvinceOptions } from '../../components/referenceData';
import { useCurrentUser } from '../../session/context';
import { DESCRIPTION_MAX, PLACE_MAX, TITLE_MAX, topicsProblem, type TrainingFormValues } from './trainingForm';
import { organizableLevels, placeFields } from './trainingLogic';

/**
 * A training's fields inside a `Form<TrainingFormValues>`. Who organizes it — level, department,
 * province or county — is chosen when it is planned, within what the user may organize (their
 * own province or county fixed), and stays once planned (`existing`).
 */
export function TrainingFormFields({ existing }: { existing?: boolean }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const form = Form.useFormInstance<TrainingFormValues>();
  const provinces = useProvinceOptions();
  const level = Form.useWatch('organizer_level', form);
  const levels = organizableLevels(user);
  const place = placeFields(level, user);
  const organizerHint = existing ? t('trainings.fixedAfterCreate') : undefined;

  return (
    <>
      <Form.Item label={t('trainings.name')} name="title" rules={[{ required: true, whitespace: true, message: t('trainings.titleRequired') }]}>
        <Input maxLength={TITLE_MAX} showCount data-testid="training-title" />
      </Form.Item>
      <Form.Item
        label={t('trainings.level')}
        name="organizer_level"
        rules={[{ required: true, message: t('trainings.levelRequired') }]}
        extra={organizerHint ?? (levels.length === 1 ? t('trainings.fixedByRole') : undefined)}
      >
        <Select
          data-testid="training-level-select"
          disabled={existing || levels.length === 1}
          options={(existing && level ? [level] : levels).map((l) => ({ value: l, label: t(`trainings.levels.${l}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('trainings.department')} name="organizer_department" extra={organizerHint}>
        <Select data-testid="training-department" disabled={existing} options={DEPARTMENTS.map((d) => ({ value: d, label: t(`department.${d}`) }))} />
      </Form.Item>
      {place.province && (
        <Form.Item
          label={t('trainings.province')}
          name="province_code"
          rules={[{ required: true, message: t('trainings.provinceRequired') }]}
          extra={!existing && place.province.fixed ? t('trainings.fixedByRole') : undefined}
        >
          <Select
            data-testid="training-province"
            disabled={existing || place.province.fixed}
            showSearch={{ optionFilterProp: 'label' }}
            loading={provinces.isPending}
            options={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
          />
        </Form.Item>
      )}
      {place.county && (
        <Form.Item
          label={t('trainings.county')}
          name="county_code"
          rules={[{ required: true, message: t('trainings.countyRequired') }]}
          extra={!existing && place.county.fixed ? t('trainings.fixedByRole') : undefined}
        >
          {existing || place.county.fixed ? <FixedCounty /> : <CountyPicker province={place.county.withinProvince} />}
        </Form.Item>
      )}
      <Form.Item label={t('trainings.dates')} name="dates" rules={[{ required: true, message: t('trainings.datesRequired') }]}>
        <DatePicker.RangePicker
          style={{ width: '100%', maxWidth: 360 }}
          placeholder={[t('trainings.startsOn'), t('trainings.endsOn')]}
          data-testid="training-dates"
        />
      </Form.Item>
      <Form.Item label={t('trainings.mode')} name="mode" rules={[{ required: true, message: t('trainings.modeRequired') }]}>
        <Radio.Group data-testid="training-mode" options={TRAINING_MODES.map((m) => ({ value: m, label: t(`trainings.modes.${m}`) }))} />
      </Form.Item>
      <Form.Item label={t('trainings.place')} name="place">
        <Input maxLength={PLACE_MAX} placeholder={t('trainings.placePlaceholder')} data-testid="training-place" />
      </Form.Item>
      <Form.Item label={t('trainings.assistanceTypes')} name="assistance_types">
        <Select mode="multiple" allowClear data-testid="training-assistance-types" options={ASSISTANCE_TYPES.map((a) => ({ value: a, label: t(`assistanceType.${a}`) }))} />
      </Form.Item>
      <Form.Item
        label={t('trainings.topics')}
        name="topics"
        rules={[{ validator: (_, v?: string[]) => (topicsProblem(v) ? Promise.reject(new Error(t('trainings.topicsInvalid'))) : Promise.resolve()) }]}
      >
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} placeholder={t('trainings.topicsPlaceholder')} data-testid="training-topics" />
      </Form.Item>
      <Form.Item label={t('trainings.description')} name="description">
        <Input.TextArea rows={5} maxLength={DESCRIPTION_MAX} showCount data-testid="training-description" />
      </Form.Item>
    </>
  );
}

/** A county that is not chosen here (a county officer's own, or a planned training's): shown by name. */
function FixedCounty({ value }: { value?: string }) {
  const refs = useCountyRefs(value ? [value] : []);
  const county = value ? refs.get(value) : undefined;
  return <Input disabled data-testid="training-county-fixed" value={county ? `${county.name}（${county.province_name}）${county.code}` : (value ?? '')} />;
}

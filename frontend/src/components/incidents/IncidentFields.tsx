import { DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { INCIDENT_KINDS, SEVERITIES } from '../../api/types';
import { DESCRIPTION_MAX, isFuture, isUrgent, TITLE_MAX, type IncidentFieldValues } from './incidentForm';

/**
 * What happened — kind, severity, when, a title and the account — as a report and a correction
 * both ask it. Inside a Form of IncidentFieldValues (or a wider one).
 */
export function IncidentFields() {
  const { t } = useTranslation();
  const severity = Form.useWatch<IncidentFieldValues['severity'] | undefined>('severity');
  const required = (message: string) => ({ required: true, message });
  return (
    <>
      <Form.Item label={t('incidents.kindLabel')} name="kind" rules={[required(t('incidents.kindRequired'))]}>
        <Select
          data-testid="incident-kind-select"
          placeholder={t('incidents.kindLabel')}
          options={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`incidents.kind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        label={t('incidents.severityLabel')}
        name="severity"
        rules={[required(t('incidents.severityRequired'))]}
        extra={isUrgent(severity) ? <Typography.Text type="danger">{t('incidents.urgentHint')}</Typography.Text> : t('incidents.severityHint')}
      >
        <Radio.Group
          optionType="button"
          data-testid="incident-severity-select"
          options={SEVERITIES.map((s) => ({ value: s, label: t(`incidents.severity.${s}`) }))}
        />
      </Form.Item>
      <Form.Item
        label={t('incidents.occurredAt')}
        name="occurred_at"
        rules={[
          required(t('incidents.occurredRequired')),
          { validator: (_, v: IncidentFieldValues['occurred_at'] | undefined) => (isFuture(v) ? Promise.reject(new Error(t('incidents.occurredFuture'))) : Promise.resolve()) },
        ]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          style={{ width: '100%', maxWidth: 260 }}
          data-testid="incident-occurred-at"
        />
      </Form.Item>
      <Form.Item
        label={t('incidents.name')}
        name="title"
        rules={[required(t('incidents.titleRequired')), { whitespace: true, message: t('incidents.titleRequired') }, { max: TITLE_MAX }]}
      >
        <Input maxLength={TITLE_MAX} placeholder={t('incidents.titlePlaceholder')} />
      </Form.Item>
      <Form.Item
        label={t('incidents.description')}
        name="description"
        rules={[required(t('incidents.descriptionRequired')), { whitespace: true, message: t('incidents.descriptionRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={DESCRIPTION_MAX} showCount placeholder={t('incidents.descriptionPlaceholder')} />
      </Form.Item>
    </>
  );
}

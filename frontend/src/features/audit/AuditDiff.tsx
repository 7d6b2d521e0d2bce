import type { CSSProperties } from 'react';
import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { jsonLines } from './labels';

const preStyle: CSSProperties = {
  margin: 0,
  padding: '8px 0',
  background: '#fafafa',
  border: '1px solid #f0f0f0',
  borderRadius: 6,
  fontSize: 12,
  lineHeight: 1.6,
  overflowX: 'auto',
  minHeight: 48,
};

/** Pretty JSON whose changed top-level fields are highlighted. */
function JsonBlock({ value, changed, tone, testId }: { value: unknown; changed: ReadonlySet<string>; tone: 'before' | 'after'; testId: string }) {
  const { t } = useTranslation();
  if (value === undefined || value === null) {
    return (
      <pre style={preStyle} data-testid={testId}>
        <Typography.Text type="secondary" style={{ paddingInline: 12 }}>
          {t('audit.nothing')}
        </Typography.Text>
      </pre>
    );
  }
  const lines = jsonLines(value, changed);
  const highlight = tone === 'before' ? '#fff1f0' : '#f6ffed';
  return (
    <pre style={preStyle} data-testid={testId}>
      {lines.map((line, i) => (
        <div key={i} style={{ paddingInline: 12, background: line.changed ? highlight : undefined }}>
          {line.text}
        </div>
      ))}
    </pre>
  );
}

/** The entity before and after the event, side by side; `changed` as the server computed it. */
export function AuditDiff({ before, after, changed, requestId }: { before: unknown; after: unknown; changed: string[]; requestId?: string | null }) {
  const { t } = useTranslation();
  const set = new Set(changed);
  const compared = before != null && after != null;
  return (
    <div data-testid="audit-diff">
      {(compared || requestId) && (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          {compared && (
            <span style={{ marginInlineEnd: 16 }}>
              {t('audit.changedFields')}:{' '}
              {changed.length > 0 ? changed.map((f) => <Typography.Text code key={f}>{f}</Typography.Text>) : t('audit.nothing')}
            </span>
          )}
          {requestId && (
            <Typography.Text type="secondary">
              {t('audit.requestId')}: {requestId}
            </Typography.Text>
          )}
        </Typography.Paragraph>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <JsonBlock value={before} changed={set} tone="before" testId="audit-before" />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <JsonBlock value={after} changed={set} tone="after" testId="audit-after" />
        </Col>
      </Row>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Typography, type ButtonProps } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, problemMessage } from '../../api/problem';
import { REPORT_SECTIONS, type ReportSection, type YearEndReport } from '../../api/types';
import { useUpdateYearEndReport } from './api';
import { RichTextEditor } from './RichTextEditor';
import { sectionOfField, sectionsPatch } from './reportLogic';

type Drafts = Partial<Record<ReportSection, string>>;

/**
 * The five sections: editors while the caller may edit, the text otherwise. A save sends only the
 * sections changed since the page read the report, with its ETag. What was typed survives a
 * refused save (412) and the reload that follows; a 422 is put under the section it names.
 */
export function SectionsCard({
  report,
  etag,
  onReload,
  onDirty,
}: {
  report: YearEndReport;
  etag: string;
  onReload: () => void;
  /** Whether there are unsaved changes: the page holds signing and submitting until they are saved. */
  onDirty: (dirty: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const update = useUpdateYearEndReport(report.id);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [stale, setStale] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<ReportSection, string>>>({});
  const patch = sectionsPatch(drafts, report.sections);
  const dirty = patch !== null;
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const comments = report.return_comments as Partial<Record<ReportSection, string>>;
  // the comments of the last return, while the report is back with the province for them
  const showComments = report.status === 'returned';

  const send = () => {
    if (!patch) return;
    setStale(false);
    setErrors({});
    update
      .mutateAsync({ patch, etag })
      .then(() => {
        setDrafts({});
        void message.success(t('yearEnd.saved'));
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 412) {
          setStale(true);
          return;
        }
        if (e instanceof ApiError && e.status === 422 && e.errors.length > 0) {
          const placed: Partial<Record<ReportSection, string>> = {};
          for (const err of e.errors) {
            const section = sectionOfField(err.field);
            if (section) placed[section] = placed[section] ? `${placed[section]}；${err.message}` : err.message;
          }
          if (Object.keys(placed).length > 0) {
            setErrors(placed);
            return;
          }
        }
        void message.error(problemMessage(e, t));
      });
  };

  const save = () => {
    if (report.signatures.length === 0) return send();
    // an edit removes the signatures: both departments sign again what the report then says
    modal.confirm({
      title: t('yearEnd.clearSignaturesTitle'),
      content: t('yearEnd.clearSignaturesText', { count: report.signatures.length }),
      okText: t('yearEnd.save'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'save-confirm' } as ButtonProps,
      onOk: send,
    });
  };

  return (
    <Card
      title={t('yearEnd.sections')}
      size="small"
      data-testid="report-sections"
      extra={
        report.may_edit && (
          <Flex gap={8} align="center" wrap>
            {patch && (
              <Typography.Text type="warning" data-testid="report-unsaved">
                {t('yearEnd.unsaved')}
              </Typography.Text>
            )}
            <Button type="primary" icon={<SaveOutlined />} disabled={!patch} loading={update.isPending} onClick={save} data-testid="report-save">
              {t('yearEnd.save')}
            </Button>
          </Flex>
        )
      }
    >
      <Flex vertical gap={20}>
        {stale && (
          <Alert
            type="warning"
            showIcon
            data-testid="report-stale"
            title={t('yearEnd.stale')}
            description={t('yearEnd.staleHint')}
            action={
              <Button
                size="small"
                onClick={() => {
                  setStale(false);
                  onReload();
                }}
                data-testid="report-reload"
              >
                {t('yearEnd.reload')}
              </Button>
            }
          />
        )}
        {REPORT_SECTIONS.map((key) => (
          <section key={key} data-testid={`section-${key}`}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t(`yearEnd.section.${key}`)}
            </Typography.Title>
            {showComments && comments[key] && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 8 }}
                data-testid={`section-comment-${key}`}
                title={t('yearEnd.returnComment')}
                description={<span style={{ whiteSpace: 'pre-wrap' }}>{comments[key]}</span>}
              />
            )}
            {report.may_edit ? (
              <>
                <RichTextEditor
                  // read again (a reload, a signature): start from what was typed, else the server's text
                  key={`${key}-${report.version}`}
                  initialHtml={drafts[key] ?? report.sections[key]}
                  label={t(`yearEnd.section.${key}`)}
                  invalid={!!errors[key]}
                  testId={`editor-${key}`}
                  onChange={(html) => setDrafts((d) => ({ ...d, [key]: html }))}
                />
                {errors[key] && (
                  <Typography.Text type="danger" data-testid={`section-error-${key}`}>
                    {errors[key]}
                  </Typography.Text>
                )}
              </>
            ) : report.sections[key] ? (
              // the server's sanitized HTML (p, br, strong, b, em, i, u, ul, ol, li, h3, h4, blockquote only)
              <div className="rich-text" data-testid={`section-text-${key}`} dangerouslySetInnerHTML={{ __html: report.sections[key] }} />
            ) : (
              <Typography.Text type="secondary" data-testid={`section-text-${key}`}>
                {t('yearEnd.sectionEmpty')}
              </Typography.Text>
            )}
          </section>
        ))}
      </Flex>
    </Card>
  );
}

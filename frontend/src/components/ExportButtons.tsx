import { useEffect, useRef, useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../api/problem';
import type { ExportFormat } from '../api/types';
import type { DownloadWatch } from './download';
import { formatBytes } from './evidenceFiles';

/** Redraw the progress message at most this often: a large export arrives in thousands of chunks. */
const PROGRESS_EVERY_MS = 250;

interface Props {
  /** Prefix of the buttons' test ids: `${testId}-xlsx`, `-csv`, `-cancel`, `-progress`. */
  testId: string;
  /** Downloads the list or table as it is filtered now; resolves to the file name saved. */
  run: (format: ExportFormat, watch: DownloadWatch) => Promise<string>;
}

/**
 * The 导出 Excel / 导出 CSV pair of every list and table. While a file is made, a message counts
 * the rows written (a list export runs as a background job on the server) or the bytes received
 * (a table streamed at once), and a button stops waiting for it; leaving the page does too.
 */
export function ExportButtons({ testId, run }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const key = `${testId}-progress`;
  const progress = (text: string) =>
    void message.open({ key, type: 'loading', duration: 0, content: <span data-testid={key}>{text}</span> });

  const start = (format: ExportFormat) => {
    const abort = new AbortController();
    controller.current = abort;
    setExporting(format);
    progress(t('export.preparing'));
    let shownAt = 0;
    const throttled = (text: () => string) => {
      const now = Date.now();
      if (now - shownAt < PROGRESS_EVERY_MS) return;
      shownAt = now;
      progress(text());
    };
    const onProgress = (bytes: number) => throttled(() => t('export.received', { size: formatBytes(bytes) }));
    const onRows = (rows: number) => throttled(() => t('export.rows', { count: rows }));
    run(format, { signal: abort.signal, onProgress, onRows })
      .then((name) => void message.open({ key, type: 'success', content: t('export.done', { name }) }))
      .catch((e: unknown) =>
        abort.signal.aborted
          ? void message.open({ key, type: 'info', content: t('export.cancelled') })
          : void message.open({ key, type: 'error', content: problemMessage(e, t) }),
      )
      .finally(() => {
        if (controller.current === abort) controller.current = null;
        setExporting(null);
      });
  };

  return (
    <>
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button
          key={format}
          icon={<DownloadOutlined />}
          loading={exporting === format}
          disabled={exporting !== null && exporting !== format}
          onClick={() => start(format)}
          data-testid={`${testId}-${format}`}
        >
          {t(format === 'xlsx' ? 'export.xlsx' : 'export.csv')}
        </Button>
      ))}
      {exporting && (
        <Button icon={<StopOutlined />} onClick={() => controller.current?.abort()} data-testid={`${testId}-cancel`}>
          {t('export.cancel')}
        </Button>
      )}
    </>
  );
}

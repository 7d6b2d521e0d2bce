import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Flex, Tooltip } from 'antd';
import { BoldOutlined, ItalicOutlined, OrderedListOutlined, UnderlineOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

type ToolKey = 'bold' | 'italic' | 'underline' | 'orderedList' | 'unorderedList' | 'h3' | 'quote';

const COMMANDS: Record<Exclude<ToolKey, 'h3' | 'quote'>, string> = {
  bold: 'bold',
  italic: 'italic',
  underline: 'underline',
  orderedList: 'insertOrderedList',
  unorderedList: 'insertUnorderedList',
};

const TOOLS: { key: ToolKey; icon: ReactNode }[] = [
  { key: 'bold', icon: <BoldOutlined /> },
  { key: 'italic', icon: <ItalicOutlined /> },
  { key: 'underline', icon: <UnderlineOutlined /> },
  { key: 'orderedList', icon: <OrderedListOutlined /> },
  { key: 'unorderedList', icon: <UnorderedListOutlined /> },
  { key: 'h3', icon: <span style={{ fontWeight: 600, fontSize: 12 }}>H</span> },
  { key: 'quote', icon: <span style={{ fontWeight: 600 }}>“</span> },
];

/**
 * A small rich-text editor: a contentEditable area with the formatting the server keeps (bold,
 * italic, underline, lists, a heading, a quote) through the browser's own editing commands, so no
 * editor library is needed. It is uncontrolled: `initialHtml` is set once (the server's sanitized
 * HTML, or what was typed before a reload) and every change is handed over as HTML. Pasting takes
 * the plain text only: the server would drop foreign markup anyway.
 */
export function RichTextEditor({
  initialHtml,
  onChange,
  label,
  invalid,
  testId,
}: {
  initialHtml: string;
  onChange: (html: string) => void;
  label: string;
  invalid?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const area = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // a paragraph to type into, so the first line is a <p> like the ones after it
    if (area.current) area.current.innerHTML = initialHtml.trim() ? initialHtml : '<p><br></p>';
    // set once: the editor owns its content from here (a remount starts it again)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const emit = () => {
    if (area.current) onChange(area.current.innerHTML);
  };

  const run = (command: string, value?: string) => {
    area.current?.focus();
    // tags, not inline styles, and new lines as paragraphs: what the server keeps
    document.execCommand('styleWithCSS', false, 'false');
    document.execCommand('defaultParagraphSeparator', false, 'p');
    document.execCommand(command, false, value);
    emit();
  };

  const apply = (key: ToolKey) => {
    if (key === 'h3' || key === 'quote') {
      // a heading or quote toggles back to a paragraph
      const tag = key === 'h3' ? 'h3' : 'blockquote';
      const current = String(document.queryCommandValue('formatBlock') ?? '').toLowerCase();
      run('formatBlock', current === tag ? 'p' : tag);
    } else {
      run(COMMANDS[key]);
    }
  };

  return (
    <div
      className="rich-text-editor"
      style={{ border: `1px solid ${invalid ? '#ff4d4f' : '#d9d9d9'}`, borderRadius: 6, minWidth: 0 }}
      data-testid={testId}
    >
      <Flex wrap gap={2} role="toolbar" aria-label={t('yearEnd.editor.toolbar')} style={{ padding: 4, borderBottom: '1px solid #f0f0f0' }}>
        {TOOLS.map(({ key, icon }) => (
          <Tooltip title={t(`yearEnd.editor.${key}`)} key={key}>
            <Button
              size="small"
              type="text"
              icon={icon}
              aria-label={t(`yearEnd.editor.${key}`)}
              data-testid={`editor-${key}`}
              // keep the selection in the text while the button is pressed
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => apply(key)}
            />
          </Tooltip>
        ))}
      </Flex>
      <div
        ref={area}
        className="rich-text rich-text-area"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        aria-invalid={invalid || undefined}
        data-testid={testId ? `${testId}-area` : undefined}
        onInput={emit}
        onBlur={emit}
        onPaste={(e) => {
          e.preventDefault();
          document.execCommand('insertText', false, e.clipboardData.getData('text/plain'));
          emit();
        }}
        style={{ minHeight: 120, padding: '8px 12px', outline: 'none', overflowWrap: 'anywhere' }}
      />
    </div>
  );
}

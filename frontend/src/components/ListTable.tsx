import { useRef, useState, type Key, type ReactNode } from 'react';
import { Button, Checkbox, Dropdown, Flex, Popover, Table, Typography, type TableProps } from 'antd';
import { ColumnHeightOutlined, DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import type { ColumnType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { CursorPagination } from './CursorPagination';
import { saveDownload } from './download';
import { DENSITIES, PAGE_SIZES, toCsv, type ListTableState } from './listTable';
import { EmptyState, ErrorState } from './states';

/** A column of a list: `key` names it in the column settings and the export. */
export type ListColumn<T> = ColumnType<T> & {
  key: string;
  /** The column's name in the settings and the export, when its title is not plain text. */
  label?: string;
  /** A column that says which row it is (name, status): it cannot be hidden. */
  always?: boolean;
  /** Buttons rather than data: left out of the export. */
  noExport?: boolean;
};

/** A page of a list as the API sends it; a list that arrives whole has no cursor. */
export interface ListData<T> {
  items: T[];
  next_cursor?: string | null;
  total?: number | null;
}

interface ListQuery<T> {
  data?: ListData<T>;
  isError: boolean;
  error: unknown;
  isPending: boolean;
  isFetching: boolean;
  isPlaceholderData: boolean;
  refetch: () => unknown;
}

type Props<T> = Omit<TableProps<T>, 'columns' | 'dataSource' | 'loading' | 'pagination' | 'size' | 'rowKey' | 'rowSelection'> & {
  table: ListTableState;
  query: ListQuery<T>;
  columns: ListColumn<T>[];
  rowKey: keyof T & string;
  testId: string;
  /** The rows to show when the page orders or filters what the query gave. */
  items?: T[];
  emptyText?: ReactNode;
  /** Rows may be ticked: 导出所选 writes them to a CSV; `bulk` adds the list's own actions on them. */
  selectable?: boolean;
  bulk?: (rows: T[], clear: () => void) => ReactNode;
};

/** Half a phone's width, so two columns share its screen; 220 px on a desk, where eight columns share 1366 px. */
const CELL_MAX_WIDTH = 'min(220px, 50vw)';

function labelOf<T>(c: ListColumn<T>): string {
  return c.label ?? (typeof c.title === 'string' ? c.title : c.key);
}

/**
 * Every list's table: density and column settings remembered per list, a header that stays in view,
 * sideways scrolling inside the table (a phone never scrolls the page sideways), paging by keyset
 * with a page size, and, where it makes sense, ticked rows to export or act on.
 */
export function ListTable<T extends object>({ table, query, columns, rowKey, testId, items, emptyText, selectable, bulk, ...rest }: Props<T>) {
  const { t } = useTranslation();
  const { settings, change, pager } = table;
  const rows = items ?? query.data?.items ?? [];
  const hidden = settings.hidden ?? [];
  const shown = columns.filter((c) => c.always || !hidden.includes(c.key));
  const body = useRef<HTMLDivElement>(null);

  // ticks belong to the page they were made on: another page, filter or size clears them
  const pageId = `${pager?.page ?? ''}|${pager?.cursor ?? ''}|${settings.pageSize}|${query.data?.items.map((r) => String(r[rowKey])).join() ?? ''}`;
  const [ticks, setTicks] = useState<{ at: string; keys: Key[] }>({ at: pageId, keys: [] });
  const ticked = ticks.at === pageId ? ticks.keys : [];
  const selectedRows = rows.filter((r) => ticked.includes(r[rowKey] as Key));
  const clear = () => setTicks({ at: pageId, keys: [] });

  // The selected rows exactly as the table shows them (the same headers, names rather than codes,
  // amounts as formatted): the cells are read back from the page, each marked with its column.
  const exportSelected = () => {
    const trs = [...(body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-row-key]') ?? [])].filter((tr) =>
      ticked.some((k) => String(k) === tr.dataset.rowKey),
    );
    const cell = (tr: Element, key: string) => tr.querySelector(`td[data-col="${key}"]`);
    // a column a phone leaves out (responsive) has no cells to read
    const cols = shown.filter((c) => !c.noExport && trs.some((tr) => cell(tr, c.key)));
    const csv = toCsv(
      cols.map(labelOf),
      trs.map((tr) => cols.map((c) => cell(tr, c.key)?.textContent?.trim() ?? '')),
    );
    saveDownload(new Blob([csv], { type: 'text/csv;charset=utf-8' }), null, `${table.list}-selected.csv`);
  };

  const toolbar = (
    <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
      <Flex align="center" gap={8} wrap data-testid={`${testId}-selection`}>
        {selectedRows.length > 0 && (
          <>
            <Typography.Text>{t('table.selected', { count: selectedRows.length })}</Typography.Text>
            <Button size="small" icon={<DownloadOutlined />} onClick={exportSelected} data-testid={`${testId}-export-selected`}>
              {t('table.exportSelected')}
            </Button>
            {bulk?.(selectedRows, clear)}
            <Button size="small" type="link" onClick={clear}>
              {t('table.clearSelection')}
            </Button>
          </>
        )}
      </Flex>
      <Flex align="center" gap={4} style={{ marginInlineStart: 'auto' }}>
        <Dropdown
          trigger={['click']}
          menu={{
            selectable: true,
            selectedKeys: [settings.density],
            items: DENSITIES.map((d) => ({ key: d, label: t(`table.densities.${d}`) })),
            onClick: ({ key }) => change({ density: DENSITIES.find((d) => d === key) ?? settings.density }),
          }}
        >
          <Button size="small" type="text" icon={<ColumnHeightOutlined />} data-testid={`${testId}-density`}>
            {t('table.density')}
          </Button>
        </Dropdown>
        <Popover
          trigger="click"
          placement="bottomRight"
          title={t('table.columns')}
          content={
            <Flex vertical gap={4} data-testid={`${testId}-columns`}>
              {columns.map((c) => (
                <Checkbox
                  key={c.key}
                  checked={c.always || !hidden.includes(c.key)}
                  disabled={c.always}
                  onChange={(e) => change({ hidden: e.target.checked ? hidden.filter((k) => k !== c.key) : [...hidden, c.key] })}
                >
                  {labelOf(c)}
                </Checkbox>
              ))}
              <Button size="small" type="link" style={{ alignSelf: 'flex-start', padding: 0 }} onClick={() => change({ hidden: undefined })}>
                {t('table.resetColumns')}
              </Button>
            </Flex>
          }
        >
          <Button size="small" type="text" icon={<SettingOutlined />} data-testid={`${testId}-column-settings`}>
            {t('table.columns')}
          </Button>
        </Popover>
      </Flex>
    </Flex>
  );

  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <div ref={body}>
      {toolbar}
      <Table<T>
        {...rest}
        data-testid={testId}
        rowKey={rowKey}
        size={settings.density}
        sticky
        scroll={{ x: 'max-content' }}
        columns={shown.map((c) => ({
          ...c,
          // The table is as wide as its content (scrolling sideways inside when that is wider than
          // the screen), so long text would never wrap: a cell wraps past CELL_MAX_WIDTH instead.
          render: (value: unknown, row: T, i: number) => <div style={{ maxWidth: CELL_MAX_WIDTH }}>{(c.render ? c.render(value, row, i) : value) as ReactNode}</div>,
          // marks each cell with its column, for the export above
          onCell: (row: T, i?: number) => ({ ...c.onCell?.(row, i), 'data-col': c.key }) as ReturnType<NonNullable<ColumnType<T>['onCell']>>,
        }))}
        dataSource={rows}
        loading={query.isFetching}
        locale={{ emptyText: query.isPending ? ' ' : <EmptyState description={emptyText} /> }}
        rowSelection={
          selectable
            ? {
                selectedRowKeys: ticked,
                onChange: (keys) => setTicks({ at: pageId, keys }),
                // ticking a box does not open the row
                onCell: () => ({ onClick: (e) => e.stopPropagation() }),
              }
            : undefined
        }
        pagination={
          pager
            ? false
            : {
                pageSize: settings.pageSize,
                hideOnSinglePage: rows.length <= PAGE_SIZES[0],
                showSizeChanger: true,
                showQuickJumper: true,
                pageSizeOptions: [...PAGE_SIZES],
                showTotal: (total) => t('common.total', { count: total }),
                onShowSizeChange: (_, size) => change({ pageSize: size }),
              }
        }
      />
      {pager && (
        <CursorPagination
          page={pager.page}
          hasPrev={pager.hasPrev}
          hasNext={!!query.data?.next_cursor && !query.isPlaceholderData}
          total={query.data?.total}
          onPrev={pager.prev}
          onNext={() => pager.next(query.data?.next_cursor)}
          onFirst={pager.reset}
          pageSize={settings.pageSize}
          onPageSize={(size) => change({ pageSize: size })}
        />
      )}
    </div>
  );
}

import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Tag } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ListTable, type ListColumn } from './ListTable';
import { toCsv, useListTable } from './listTable';

const saved = vi.hoisted(() => ({ blobs: [] as { blob: Blob; name: string }[] }));
vi.mock('./download', () => ({
  saveDownload: (blob: Blob, _d: string | null, name: string) => {
    saved.blobs.push({ blob, name });
    return name;
  },
}));

afterEach(() => {
  localStorage.clear();
  saved.blobs = [];
});

// a busy machine renders antd slowly: wait longer than the default second
const slow = { timeout: 10_000 };

interface Row {
  id: string;
  name: string;
  status: 'active' | 'closed';
  funds: string;
}

const ROWS: Row[] = [
  { id: 'a', name: '昭觉县图书角', status: 'active', funds: '1,200.00' },
  { id: 'b', name: '喜德县, "助学"', status: 'closed', funds: '-50.00' },
  { id: 'c', name: '=美姑县', status: 'active', funds: '0.00' },
];

const COLUMNS: ListColumn<Row>[] = [
  { key: 'name', title: '名称', dataIndex: 'name', always: true },
  { key: 'status', title: '状态', dataIndex: 'status', render: (s: Row['status']) => <Tag>{s === 'active' ? '进行中' : '已结束'}</Tag> },
  { key: 'funds', title: '资金', dataIndex: 'funds' },
];

/** A list page in small: its query reads the table's limit, as the real lists do. */
function Page({ onQuery }: { onQuery?: (q: { limit: number; cursor?: string }) => void }) {
  const table = useListTable('test', 'filters');
  onQuery?.({ limit: table.limit, cursor: table.cursor });
  const query = { data: { items: ROWS, next_cursor: 'next', total: 30 }, isError: false, error: null, isPending: false, isFetching: false, isPlaceholderData: false, refetch: () => undefined };
  return <ListTable<Row> table={table} query={query} columns={COLUMNS} rowKey="id" testId="t" selectable />;
}

const headers = () => screen.getAllByRole('columnheader').map((h) => h.textContent);

async function openColumns() {
  fireEvent.click(screen.getByTestId('t-column-settings'));
  return within(await screen.findByTestId('t-columns', {}, slow));
}

describe('ListTable', () => {
  it('remembers the columns a user hides, per list; a key column cannot be hidden', async () => {
    const first = render(<Page />);
    expect(headers()).toEqual(expect.arrayContaining(['名称', '状态', '资金']));
    const columns = await openColumns();
    expect(columns.getByRole('checkbox', { name: '名称' })).toBeDisabled();
    fireEvent.click(columns.getByRole('checkbox', { name: '资金' }));
    await waitFor(() => expect(headers()).not.toContain('资金'));
    first.unmount();

    render(<Page />);
    expect(headers()).not.toContain('资金');
    expect(headers()).toEqual(expect.arrayContaining(['名称', '状态']));
  });

  it('feeds the chosen page size to the query as its limit, and keeps it', async () => {
    const limits: number[] = [];
    const first = render(<Page onQuery={(q) => limits.push(q.limit)} />);
    expect(limits.at(-1)).toBe(20);
    fireEvent.mouseDown(within(screen.getByTestId('list-page-size')).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('50 条/页', {}, slow));
    await waitFor(() => expect(limits.at(-1)).toBe(50));
    first.unmount();
    render(<Page onQuery={(q) => limits.push(q.limit)} />);
    expect(limits.at(-1)).toBe(50);
  });

  it('exports exactly the ticked rows, as shown, under the table’s headers', async () => {
    render(<Page />);
    const rows = screen.getAllByRole('row').filter((r) => r.getAttribute('data-row-key'));
    fireEvent.click(within(rows[1]).getByRole('checkbox'));
    fireEvent.click(within(rows[2]).getByRole('checkbox'));
    expect(screen.getByText('已选 2 项')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('t-export-selected'));
    expect(saved.blobs).toHaveLength(1);
    expect(saved.blobs[0].name).toBe('test-selected.csv');
    // read with the byte order mark kept (Blob.text() drops it)
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await saved.blobs[0].blob.arrayBuffer());
    // a BOM for Excel; the tag's text, not the code; quotes doubled; a formula made inert; a negative amount kept
    expect(text).toBe('\uFEFF名称,状态,资金\r\n"喜德县, ""助学""",已结束,-50.00\r\n\'=美姑县,进行中,0.00\r\n');
  });
});

describe('toCsv', () => {
  it('makes the cells a spreadsheet would run inert', () => {
    expect(toCsv(['a'], [['+1'], ['@x'], ['-x'], ['-1,200.5']])).toBe("\uFEFFa\r\n'+1\r\n'@x\r\n'-x\r\n\"-1,200.5\"\r\n");
  });
});

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Form } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { TreeValues } from './frameworkTree';
import { TransitionButtons } from './TransitionButtons';
import { TreeEditor, type NodeErrors } from './TreeEditor';

// the editor's one request: the metric catalogue
const GET = vi.hoisted(() =>
  vi.fn().mockResolvedValue({
    data: {
      items: [
        { code: 'funds_in_place', subject_types: ['organization', 'brand', 'province'], name_zh: '到位资金', name_en: 'Funds in place', description_zh: '到位资金（元）', description_en: '', unit: '元' },
        { code: 'years_active', subject_types: ['brand'], name_zh: '品牌持续年数', name_en: 'Years active', description_zh: '', description_en: '', unit: '年' },
      ],
    },
    response: new Response(null, { status: 200 }),
  }),
);
vi.mock('../../api/client', async (actual) => ({ ...(await actual<object>()), api: { GET } }));

const tree: TreeValues = {
  dimensions: [
    { code: 'D1', name: '帮扶成效', weight: 60, indicators: [{ code: 'D1.1', name: '到位资金', weight: 100, method: 'computed', metric: 'funds_in_place', normalization: 'min_max', rubric: [] }] },
    { code: 'D2', name: '组织建设', weight: 30, indicators: [{ code: 'D2.1', name: '项目质量', weight: 90, method: 'expert', rubric: [{ min: 0, max: 100, description: '按材料' }] }] },
  ],
};

function renderEditor(editable: boolean, errors: NodeErrors = {}) {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <Form initialValues={{ tree }} disabled={!editable}>
        <TreeEditor subjectType="organization" editable={editable} errors={errors} />
      </Form>
    </QueryClientProvider>,
  );
}

describe('TreeEditor', () => {
  it('sums each sibling group as typed: red until it reaches 100, then green', async () => {
    renderEditor(true);
    expect(screen.getByTestId('dimensions-sum')).toHaveTextContent('90（应为 100）');
    expect(screen.getByTestId('dimensions-sum')).toHaveAttribute('data-ok', 'false');
    expect(screen.getByTestId('dimension-0-sum')).toHaveAttribute('data-ok', 'true');
    expect(screen.getByTestId('dimension-1-sum')).toHaveTextContent('90（应为 100）');
    const weights = screen.getAllByLabelText('维度权重');
    fireEvent.change(weights[1], { target: { value: '40' } });
    await waitFor(() => expect(screen.getByTestId('dimensions-sum')).toHaveTextContent('100 ✓'));
    expect(screen.getByTestId('dimensions-sum')).toHaveAttribute('data-ok', 'true');
  });

  it('adds an indicator with the next code of its dimension, and offers only the subject type’s metrics', async () => {
    renderEditor(true);
    await userEvent.click(screen.getByTestId('dimension-0-add-indicator'));
    expect(screen.getAllByLabelText('指标编码')[1]).toHaveValue('D1.2');
    await waitFor(() => expect(GET).toHaveBeenCalledWith('/api/v1/indicator-metrics'));
    fireEvent.mouseDown(screen.getAllByLabelText('指标口径')[1]);
    await waitFor(() => expect(document.querySelectorAll('.ant-select-item-option').length).toBeGreaterThan(0));
    // an organization's framework: the brands-only metric is not offered
    expect([...document.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent)).toEqual(['到位资金（元）']);
  });

  it('shows a server error about a group where the group is drawn', () => {
    renderEditor(true, { 'tree.dimensions[1].indicators': ['“组织建设”下各指标权重之和为 90，应为 100'] });
    expect(screen.getByTestId('node-error-1-indicators')).toHaveTextContent('“组织建设”下各指标权重之和为 90，应为 100');
    expect(screen.queryByTestId('node-error-0-indicators')).not.toBeInTheDocument();
  });

  it('read-only, offers no adding or removing', () => {
    renderEditor(false);
    expect(screen.queryByTestId('dimension-add')).not.toBeInTheDocument();
    expect(screen.queryByTestId('dimension-0-remove')).not.toBeInTheDocument();
    expect(screen.getAllByLabelText('维度名称')[0]).toBeDisabled();
    expect(screen.getByTestId('dimensions-sum')).toHaveTextContent('90（应为 100）');
  });
});

describe('TransitionButtons', () => {
  it('moves in one click, and asks first for the reason a move needs', async () => {
    const onMove = vi.fn().mockResolvedValue(undefined);
    render(
      <TransitionButtons<string>
        moves={['published', 'scoring']}
        label={(to) => (to === 'scoring' ? '重新开放（需理由）' : '发布')}
        needsReason={(to) => to === 'scoring'}
        reasonLabel="重新开放的理由"
        testIdPrefix="round"
        onMove={onMove}
      />,
    );
    await userEvent.click(screen.getByTestId('round-transition-published'));
    expect(onMove).toHaveBeenCalledWith('published', undefined);
    await userEvent.click(screen.getByTestId('round-transition-scoring'));
    await screen.findByRole('dialog');
    await userEvent.click(screen.getByTestId('reason-confirm'));
    expect(await screen.findByText('请填写理由')).toBeInTheDocument();
    expect(onMove).toHaveBeenCalledTimes(1);
    await userEvent.type(screen.getByRole('textbox'), '有专家评分录入错误');
    await userEvent.click(screen.getByTestId('reason-confirm'));
    await waitFor(() => expect(onMove).toHaveBeenCalledWith('scoring', '有专家评分录入错误'));
  });
});

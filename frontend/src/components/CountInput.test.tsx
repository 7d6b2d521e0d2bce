import { fireEvent, render, screen } from '@testing-library/react';
import { Button, Form } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { CountInput, useCountRule } from './CountInput';

// a busy machine renders antd slowly: wait longer than the default second
const slow = { timeout: 10_000 };

function CountForm({ onFinish }: { onFinish: (v: { people?: number }) => void }) {
  const rule = useCountRule();
  return (
    <Form onFinish={onFinish}>
      <Form.Item label="受益人数" name="people" rules={[rule]}>
        <CountInput aria-label="受益人数" />
      </Form.Item>
      <Button htmlType="submit">保存</Button>
    </Form>
  );
}

describe('CountInput', () => {
  it('refuses a negative count with a message instead of turning it into 0', async () => {
    const onFinish = vi.fn();
    render(<CountForm onFinish={onFinish} />);
    const input = screen.getByLabelText('受益人数');
    fireEvent.change(input, { target: { value: '-5' } });
    fireEvent.blur(input);
    expect(input).toHaveValue('-5');
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await screen.findByText('不能为负数', undefined, slow);
    expect(onFinish).not.toHaveBeenCalled();

    fireEvent.change(input, { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await vi.waitFor(() => expect(onFinish).toHaveBeenCalledWith({ people: 12 }), slow);
  });
});

import { act, fireEvent, render, screen } from '@testing-library/react';
import { Form, Input } from 'antd';
import dayjs from 'dayjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasDraft, parseDraft, serializeDraft, useFormDraft } from './formDraft';

afterEach(() => {
  localStorage.clear();
  vi.useRealTimers();
});

describe('draft values', () => {
  it('keep dates as dates and everything else as it was', () => {
    const values = { title: '图书角', date: dayjs('2026-05-20'), orgs: [{ org: { value: 'o1', label: '甲' }, role: 'lead' }], people: 0 };
    const back = parseDraft<typeof values>(serializeDraft(values));
    expect(dayjs.isDayjs(back?.date)).toBe(true);
    expect(back?.date.format('YYYY-MM-DD')).toBe('2026-05-20');
    expect(back?.orgs).toEqual(values.orgs);
    expect(back?.people).toBe(0);
    expect(parseDraft('{not json')).toBeNull();
  });

});

function DraftForm({ onDraft }: { onDraft?: (restored: boolean) => void }) {
  const [form] = Form.useForm<{ title?: string }>();
  const draft = useFormDraft(form, 'project-new', 'u1');
  onDraft?.(draft.restored);
  return (
    <Form form={form} onValuesChange={draft.save}>
      <Form.Item label="项目名称" name="title">
        <Input aria-label="项目名称" />
      </Form.Item>
    </Form>
  );
}

describe('useFormDraft', () => {
  it('keeps what is typed after a pause, and writes it at once when the form goes away', () => {
    vi.useFakeTimers();
    const first = render(<DraftForm />);
    fireEvent.change(screen.getByLabelText('项目名称'), { target: { value: '乡村学校图书角' } });
    expect(hasDraft('u1', 'project-new')).toBe(false); // not on every keystroke
    act(() => vi.advanceTimersByTime(500));
    expect(parseDraft(localStorage.getItem('zhuxiang:draft:u1:project-new') ?? '')).toEqual({ title: '乡村学校图书角' });

    fireEvent.change(screen.getByLabelText('项目名称'), { target: { value: '乡村学校图书角（二期）' } });
    first.unmount(); // the login page replaced the form before the pause ended
    expect(parseDraft(localStorage.getItem('zhuxiang:draft:u1:project-new') ?? '')).toEqual({ title: '乡村学校图书角（二期）' });
  });

  it('puts the draft back when the form opens again, and says so', () => {
    localStorage.setItem('zhuxiang:draft:u1:project-new', '{"title":"乡村学校图书角"}');
    const restored = vi.fn();
    render(<DraftForm onDraft={restored} />);
    expect(screen.getByLabelText('项目名称')).toHaveValue('乡村学校图书角');
    expect(restored).toHaveBeenLastCalledWith(true);
  });
});

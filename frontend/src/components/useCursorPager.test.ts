import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useCursorPager } from './useCursorPager';

describe('useCursorPager', () => {
  it('walks forward and back through a stack of cursors', () => {
    const { result } = renderHook(() => useCursorPager('f'));
    expect(result.current).toMatchObject({ cursor: null, page: 1, hasPrev: false });
    act(() => result.current.next('c2'));
    expect(result.current).toMatchObject({ cursor: 'c2', page: 2, hasPrev: true });
    act(() => result.current.next('c3'));
    expect(result.current.cursor).toBe('c3');
    act(() => result.current.prev());
    expect(result.current).toMatchObject({ cursor: 'c2', page: 2 });
    act(() => result.current.prev());
    act(() => result.current.prev());
    expect(result.current).toMatchObject({ cursor: null, page: 1, hasPrev: false });
  });

  it('ignores a missing next cursor (last page)', () => {
    const { result } = renderHook(() => useCursorPager('f'));
    act(() => result.current.next(null));
    expect(result.current.page).toBe(1);
  });

  it('starts over when the filters change', () => {
    const { result, rerender } = renderHook(({ key }) => useCursorPager(key), { initialProps: { key: 'a' } });
    act(() => result.current.next('c2'));
    expect(result.current.page).toBe(2);
    rerender({ key: 'b' });
    expect(result.current).toMatchObject({ cursor: null, page: 1 });
    act(() => result.current.next('x'));
    expect(result.current).toMatchObject({ cursor: 'x', page: 2 });
  });
});

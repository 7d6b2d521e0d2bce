import { useState } from 'react';

interface PagerState {
  key: string;
  stack: (string | null)[];
}

/**
 * Keyset pagination: a stack of cursors, the first page's being null. Changing `resetKey`
 * (the filters) starts again at the first page.
 */
export function useCursorPager(resetKey: string) {
  const [state, setState] = useState<PagerState>({ key: resetKey, stack: [null] });
  const stack = state.key === resetKey ? state.stack : [null];

  return {
    cursor: stack[stack.length - 1],
    page: stack.length,
    hasPrev: stack.length > 1,
    next(nextCursor: string | null | undefined) {
      if (!nextCursor) return;
      setState({ key: resetKey, stack: [...stack, nextCursor] });
    },
    prev() {
      if (stack.length > 1) setState({ key: resetKey, stack: stack.slice(0, -1) });
    },
    reset() {
      setState({ key: resetKey, stack: [null] });
    },
  };
}

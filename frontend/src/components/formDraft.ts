// Drafts of the forms people fill in for minutes (a project, a pairing, a progress report): kept
// in this browser's local storage as they are typed, so a session that expires mid-form, a
// logout in another tab, a closed tab or a crash loses nothing. A draft belongs to one user and
// one form (another user signing in on the same browser never sees it); it is dropped when the
// form is saved and when the user discards it.

import { useEffect, useRef, useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import type { FormInstance } from 'antd';
import { readStorage, removeStorage, writeStorage } from './storage';

const PREFIX = 'zhuxiang:draft:';
/** Saving on every keystroke would write the whole form each time: wait for a pause. */
const SAVE_AFTER_MS = 400;

function storageKey(userId: string, form: string): string {
  return `${PREFIX}${userId}:${form}`;
}

/** Form values as JSON; dates (dayjs) travel as `{"$date": "2026-05-20"}` and come back as dayjs. */
export function serializeDraft(values: unknown): string {
  return JSON.stringify(values, function replacer(this: Record<string, unknown>, key: string, value: unknown) {
    const original = this[key];
    return dayjs.isDayjs(original) ? { $date: (original as Dayjs).format('YYYY-MM-DD') } : value;
  });
}

export function parseDraft<T>(text: string): T | null {
  try {
    return JSON.parse(text, (_key, value: unknown) =>
      value && typeof value === 'object' && '$date' in value && typeof value.$date === 'string' ? dayjs(value.$date) : value,
    ) as T;
  } catch {
    return null;
  }
}

function hasContent(values: unknown): boolean {
  if (values === null || values === undefined || values === '' || values === false) return false;
  if (Array.isArray(values)) return values.some(hasContent);
  if (typeof values === 'object') return Object.values(values).some(hasContent);
  return true;
}

/** Whether a draft waits (a form in a dialog opens by itself to show it). */
export function hasDraft(userId: string, form: string): boolean {
  return readDraft(storageKey(userId, form)) !== null;
}

export interface FormDraft {
  /** A draft was found and put back into the form when it opened. */
  restored: boolean;
  /** Call from the form's `onValuesChange`. */
  save: () => void;
  /** After a successful save, or when the user throws the draft away. */
  clear: () => void;
}

/**
 * Keeps `form`'s values as a draft of `name` for `userId`; restores the draft once when the form
 * opens (its saved values win over the form's initial ones).
 */
export function useFormDraft<T extends object>(form: FormInstance<T>, name: string, userId: string): FormDraft {
  const key = storageKey(userId, name);
  const [restored, setRestored] = useState(() => readDraft(key) !== null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // the values of the last change, read while the form is mounted: a page that unmounts (the
  // login page replacing it when the session expires) writes them at once instead of losing them
  const latest = useRef<unknown>(undefined);

  useEffect(() => {
    const draft = readDraft<Partial<T>>(key);
    if (draft) form.setFieldsValue(draft as Parameters<FormInstance<T>['setFieldsValue']>[0]);
    return () => {
      if (timer.current !== undefined) write(key, latest.current);
      clearTimeout(timer.current);
    };
  }, [form, key]);

  const save = () => {
    latest.current = form.getFieldsValue(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = undefined;
      write(key, latest.current);
    }, SAVE_AFTER_MS);
  };

  const clear = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    removeStorage(key);
    setRestored(false);
  };

  return { restored, save, clear };
}

/** The draft under `key`, if it holds anything. */
function readDraft<T>(key: string): T | null {
  const text = readStorage(key);
  const draft = text === null ? null : parseDraft<T>(text);
  return draft && hasContent(draft) ? draft : null;
}

function write(key: string, values: unknown): void {
  if (hasContent(values)) writeStorage(key, serializeDraft(values));
  else removeStorage(key);
}

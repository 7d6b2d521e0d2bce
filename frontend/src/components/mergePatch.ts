/**
 * Only what the user changed since the form opened, as a merge patch: after a conflict and a
 * reload, a field the user did not touch must not put back the value someone else has just changed.
 */
export function changedOnly<T extends object>(patch: T, opened: T): Partial<T> {
  const keys = Object.keys(patch) as (keyof T)[];
  return Object.fromEntries(keys.filter((k) => JSON.stringify(patch[k]) !== JSON.stringify(opened[k])).map((k) => [k, patch[k]])) as Partial<T>;
}

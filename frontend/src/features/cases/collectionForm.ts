import type { CaseCollection, NewCaseCollection } from '../../api/types';

/** The form of a case collection: opened and edited by national admins. */
export interface CollectionFormValues {
  title: string;
  year: number;
  /** The last day cases may be submitted, YYYY-MM-DD (a native date input's value). */
  deadline: string;
  description?: string;
}

export function toNewCollection(v: CollectionFormValues): NewCaseCollection {
  return { title: v.title.trim(), year: v.year, deadline: v.deadline, description: v.description?.trim() ?? '' };
}

export function collectionValuesOf(c: CaseCollection): CollectionFormValues {
  return { title: c.title, year: c.year, deadline: c.deadline, description: c.description };
}

/** A new collection's form: this year, its deadline at the end of the year. */
export function newCollectionValues(now: Date = new Date()): Partial<CollectionFormValues> {
  const year = now.getFullYear();
  return { year, deadline: `${year}-12-31` };
}

// Known audit vocabulary → i18n keys. Codes the UI does not know are shown as they are.

export const ENTITY_TYPES = ['user', 'county', 'api_token', 'key_county_list'] as const;

const ACTION_KEYS: Record<string, string> = {
  'user.create': 'audit.actions.userCreate',
  'user.update': 'audit.actions.userUpdate',
  'user.set_password': 'audit.actions.userSetPassword',
  'county.update': 'audit.actions.countyUpdate',
  'county.key_county_import': 'audit.actions.countyKeyCountyImport',
  'key_county_import.apply': 'audit.actions.keyCountyImportApply',
  'api_token.create': 'audit.actions.apiTokenCreate',
  'api_token.revoke': 'audit.actions.apiTokenRevoke',
};

export const KNOWN_ACTIONS = Object.keys(ACTION_KEYS);

/** The i18n key of an action's label, if the UI knows the action. */
export function actionLabelKey(action: string): string | undefined {
  return ACTION_KEYS[action];
}

export function entityTypeLabelKey(entityType: string): string | undefined {
  return (ENTITY_TYPES as readonly string[]).includes(entityType) ? `audit.entityType.${entityType}` : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Top-level fields whose value differs between two snapshots; none when one side is missing. */
export function changedFields(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  const [b, a] = [before, after];
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).sort();
}

/** Pretty-printed JSON lines, each marked when it belongs to one of the changed top-level fields. */
export function jsonLines(value: unknown, changed: ReadonlySet<string>): { text: string; changed: boolean }[] {
  let key: string | null = null;
  return JSON.stringify(value, null, 2)
    .split('\n')
    .map((text) => {
      const top = /^ {2}"((?:[^"\\]|\\.)*)":/.exec(text);
      if (top) key = JSON.parse(`"${top[1]}"`) as string;
      else if (!text.startsWith(' ')) key = null; // the braces of the object itself
      return { text, changed: key !== null && changed.has(key) };
    });
}

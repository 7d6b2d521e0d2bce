import fs from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import tseslint from 'typescript-eslint';

// Every folder under src/features is a feature: read them rather than list them, so a new
// feature is kept from importing (and being imported by) the others without touching this file.
const features = fs
  .readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default tseslint.config(
  { ignores: ['dist', 'test-results', 'playwright-report', 'src/api/schema.d.ts', 'node_modules'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'react-refresh': reactRefresh },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-refresh/only-export-components': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // query keys come from the factories, so a read and the writes that invalidate it cannot drift apart
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/api/queryKeys.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name='queryKey'] > ArrayExpression",
          message: 'Build query keys with the factories in src/api/queryKeys.ts.',
        },
      ],
    },
  },
  {
    // features do not import each other
    files: ['src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/features/**',
                ...features.flatMap((f) => [`../${f}`, `../${f}/**`]),
              ],
              message: 'Features must not import each other; share through src/api, src/session or src/components.',
            },
          ],
        },
      ],
    },
  },
);

// Drift test: regenerate the API types from ../openapi/openapi.json and fail when they differ
// from the committed src/api/schema.d.ts (run `npm run gen:api` to update them).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(root, '../openapi/openapi.json');
const committed = resolve(root, 'src/api/schema.d.ts');
const dir = mkdtempSync(join(tmpdir(), 'zhuxiang-api-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync(process.execPath, [resolve(root, 'node_modules/openapi-typescript/bin/cli.js'), spec, '-o', fresh], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error('src/api/schema.d.ts is out of date with ../openapi/openapi.json: run `npm run gen:api`.');
    process.exit(1);
  }
  console.log('API types match openapi/openapi.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

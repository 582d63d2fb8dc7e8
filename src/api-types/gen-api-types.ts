/**
 * `npm run gen:api-types`: writes web/src/api/schema.gen.ts from the service's OpenAPI document.
 * With `--check` it writes nothing and fails when the file differs (the console build runs that).
 */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { API_TYPES_COMMAND, API_TYPES_FILE, previewApiDocument, renderApiTypes } from './api-types';

async function main(): Promise<void> {
  const text = await renderApiTypes(await previewApiDocument());
  const name = relative(process.cwd(), API_TYPES_FILE);
  const current = existsSync(API_TYPES_FILE) ? readFileSync(API_TYPES_FILE, 'utf8') : null;
  if (process.argv.includes('--check')) {
    if (current !== text) {
      console.error(`${name} does not match the API's OpenAPI document: run \`${API_TYPES_COMMAND}\` and commit it.`);
      process.exit(1);
    }
    return;
  }
  if (current === text) {
    console.log(`${name} is up to date.`);
    return;
  }
  writeFileSync(API_TYPES_FILE, text);
  console.log(`Wrote ${name}.`);
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});

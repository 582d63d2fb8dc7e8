#!/usr/bin/env node
// Builds the web console (web/ → web/dist, served by the service at /) when it is missing or
// older than its sources; installs web/'s own dependencies first when they are missing or stale.
// Fails, naming `npm run gen:api-types`, when the console's generated API types
// (web/src/api/schema.gen.ts) no longer match the service's OpenAPI document.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { execSync, spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const web = join(root, 'web');
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), s.mtimeMs);
}

const run = (cmd, cwd = web) => execSync(cmd, { cwd, stdio: 'inherit' });

if (mtime(join(web, 'node_modules', '.package-lock.json')) < mtime(join(web, 'package-lock.json'))) {
  console.log('Installing the web console’s dependencies (npm ci in web/)...');
  run('npm ci --no-audit --no-fund');
}

// The check builds the OpenAPI document from the compiled service (no database needed): compile it
// first when its sources are newer (`npm start` and `npm test` have just done so).
const generator = join(root, 'dist', 'src', 'api-types', 'gen-api-types.js');
if (['src', 'workflows'].some((p) => newest(join(root, p)) > mtime(generator))) {
  console.log('Compiling the service (for its OpenAPI document)...');
  run('npm run build --silent', root);
}
if (spawnSync(process.execPath, [generator, '--check'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);

const built = mtime(join(web, 'dist', 'index.html'));
const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'tsconfig.sw.json', 'package-lock.json'].map((p) => join(web, p))
  .concat(join(web, '..', 'src', 'cases', 'vocabulary.ts')) // the codes the console shares with the server
  .filter(existsSync);
if (!built || sources.some((p) => newest(p) > built)) {
  console.log('Building the web console (web/dist)...');
  run('npm run build --silent');
}

#!/usr/bin/env node
// Builds the web console (web/ → web/dist, served by the service at /) when it is missing or
// older than its sources; installs web/'s own dependencies first when they are missing or stale.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { execSync } = require('node:child_process');
const { join } = require('node:path');

const web = join(__dirname, '..', 'web');
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), s.mtimeMs);
}

const run = (cmd) => execSync(cmd, { cwd: web, stdio: 'inherit' });

if (mtime(join(web, 'node_modules', '.package-lock.json')) < mtime(join(web, 'package-lock.json'))) {
  console.log('Installing the web console’s dependencies (npm ci in web/)...');
  run('npm ci --no-audit --no-fund');
}

const built = mtime(join(web, 'dist', 'index.html'));
const sources = ['src', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'].map((p) => join(web, p))
  .concat(join(web, '..', 'src', 'cases', 'vocabulary.ts')) // the codes the console shares with the server
  .filter(existsSync);
if (!built || sources.some((p) => newest(p) > built)) {
  console.log('Building the web console (web/dist)...');
  run('npm run build --silent');
}

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built service refuses to start on a bad value and names it (exit 78, EX_CONFIG). */
describe('configuration refusal (e2e, built service)', () => {
  const main = join(__dirname, '..', 'dist', 'src', 'main.js');
  beforeAll(() => {
    if (!existsSync(main)) throw new Error('dist/src/main.js is missing: `npm test` builds it first');
  });

  it.each([
    ['PORT', 'not-a-port'],
    ['DATABASE_URL', 'mysql://root@127.0.0.1/baove'],
    ['JWT_SECRET', 'too-short'],
    ['ATTACHMENTS_MAX_BYTES', 'twenty-megabytes'],
  ])('exits naming %s', (variable, value) => {
    const res = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH, [variable]: value }, encoding: 'utf8', timeout: 20_000,
    });
    expect(res.status).toBe(78);
    expect(res.stderr).toContain(`Invalid configuration: ${variable}`);
  });

  it('exits naming ATTACHMENTS_MASTER_KEY in production without one', () => {
    const res = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', JWT_SECRET: 'b5Jq0xN2v9Lr7TzK1mWc4Yh8PdFs3GaE6uRi' }, encoding: 'utf8', timeout: 20_000,
    });
    expect(res.status).toBe(78);
    expect(res.stderr).toContain('Invalid configuration: ATTACHMENTS_MASTER_KEY');
  });
});

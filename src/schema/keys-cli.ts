/**
 * `npm run keys:rotate`: rewraps every data key (encrypted fields' `field_keys`, attachments') under
 * the keyring's current master key — the first of ATTACHMENTS_MASTER_KEYS. Rotating a master key:
 * put the new key first (`new:<key>,old:<key>`), restart the service, run this, then drop the old
 * key from the configuration. Uses the same database resolution as `npm start`; the schema must be
 * migrated (the service's start does it).
 */
import { AttachmentKeysRepository } from '../attachments/attachments.repository';
import { loadConfig } from '../config/config';
import { FieldKeysRepository } from '../crypto/field-keys.repository';
import { ConfigKeyring } from '../crypto/keyring';
import { rotateKeys } from '../crypto/rotation';
import { resolveInfrastructure } from '../database/bootstrap';
import { Db } from '../database/db';
import { createDataSource } from './data-source';

async function main(): Promise<void> {
  const config = loadConfig();
  const infra = await resolveInfrastructure(config, (m) => console.log(m));
  const ds = createDataSource(infra.databaseUrl, 2);
  await ds.initialize();
  try {
    const db = new Db(ds);
    const keyring = new ConfigKeyring(config.attachments.masterKeys);
    const done = await rotateKeys(keyring, [new FieldKeysRepository(db), new AttachmentKeysRepository(db)]);
    console.log(`Rewrapped under master key "${keyring.currentKeyId()}": ${Object.entries(done).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  } finally {
    await ds.destroy();
    await infra.stop();
  }
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});

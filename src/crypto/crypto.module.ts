import { Module } from '@nestjs/common';
import { CONFIG } from '../common/tokens';
import type { AppConfig } from '../config/config';
import { FieldCipher } from './field-cipher';
import { FieldKeysRepository } from './field-keys.repository';
import { ConfigKeyring, KEYRING } from './keyring';

/** The keyring of master keys (from configuration; a KMS implements `Keyring` alike) and the field cipher. */
@Module({
  providers: [
    { provide: KEYRING, useFactory: (config: AppConfig) => new ConfigKeyring(config.attachments.masterKeys), inject: [CONFIG] },
    FieldKeysRepository, FieldCipher,
  ],
  exports: [KEYRING, FieldCipher],
})
export class CryptoModule {}

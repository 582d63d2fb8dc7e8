import { Module } from '@nestjs/common';
import { AccessRepository } from './access.repository';

/** The access repository alone, for modules that scope their queries (no controllers, no guard). */
@Module({ providers: [AccessRepository], exports: [AccessRepository] })
export class AccessModule {}

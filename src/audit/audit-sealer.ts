import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditService } from './audit.service';

const SEAL_EVERY_MS = 1_000;

/** Worker-side loop that seals committed audit rows into the hash chain about once a second. */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditSealer');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly audit: AuditService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running = this.audit.seal().catch((e: Error) => this.logger.warn({ err: e.message }, 'audit sealing failed'));
    }, SEAL_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}

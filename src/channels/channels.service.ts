import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { CONFIG } from '../common/tokens';
import { ChannelAdapter, ChannelName, CHANNELS } from './channel';
import { EmailChannel } from './email.channel';
import { BrandnameSmsChannel, GatewayChannel, ZnsChannel } from './http-gateway.channel';
import { PushChannel } from './push.channel';

/** The channel adapters configuration asks for; none configured means the in-app inbox only. */
@Injectable()
export class ChannelsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Channels');
  private readonly adapters = new Map<ChannelName, ChannelAdapter>();

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {
    const n = config.notify;
    const t = n.sendTimeoutMs;
    if (n.smtp) this.adapters.set('email', new EmailChannel(n.smtp.url, n.smtp.from, t, new URL(n.publicUrl).hostname));
    if (n.sms) this.adapters.set('sms', n.sms.provider === 'brandname' ? new BrandnameSmsChannel(n.sms, t) : new GatewayChannel('sms', n.sms, t));
    if (n.zalo) this.adapters.set('zalo', n.zalo.provider === 'zns' ? new ZnsChannel(n.zalo, t) : new GatewayChannel('zalo', n.zalo, t));
    if (n.vapid) this.adapters.set('push', new PushChannel(n.vapid, t));
  }

  onApplicationBootstrap(): void {
    const on = this.configured();
    if (on.length === 0) {
      this.logger.log('Notification channels: in-app only (no SMTP_URL, SMS_PROVIDER, ZALO_PROVIDER or VAPID_* configured)');
    } else {
      this.logger.log({ channels: on.map((c) => `${c}:${this.adapters.get(c)!.provider}`) }, `Notification channels: in-app, ${on.join(', ')}`);
    }
  }

  configured(): ChannelName[] {
    return CHANNELS.filter((c) => this.adapters.has(c));
  }

  adapter(channel: ChannelName): ChannelAdapter | undefined {
    return this.adapters.get(channel);
  }

  /** The VAPID public key the console subscribes with; undefined when Web Push is off. */
  vapidPublicKey(): string | undefined {
    return this.config.notify.vapid?.publicKey;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.adapters.values()].map((a) => a.close?.()));
  }
}

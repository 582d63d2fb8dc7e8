/** A message ready for one channel: everything the adapter sends, and nothing about a child. */
export interface OutgoingMessage {
  /** `<notification id>-<channel>`: the same for every attempt, so a provider that accepts one drops a repeat. */
  dedupeKey: string;
  /** The e-mail address, the phone number (+84…), or the push subscription. */
  to: string | PushTarget;
  subject: string;
  text: string;
  /** Web Push: the JSON the console's service worker shows (the plan's payload contract). */
  push?: PushPayload;
  urgent: boolean;
}

export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** The Web Push payload contract with the console's service worker (web/src/sw.ts). */
export interface PushPayload {
  title: string;
  body: string;
  /** Console path of what the notification is about, e.g. `/cases/<id>`. */
  url: string;
  tag: string;
  urgent: boolean;
  /** Console path `/ack/<token>` of an urgent alert. */
  ackUrl?: string;
}

export type ChannelName = 'email' | 'sms' | 'zalo' | 'push';
export const CHANNELS: readonly ChannelName[] = ['email', 'sms', 'zalo', 'push'];

/** What a provider answered: its message id (for delivery reports), if it gives one. */
export interface SendResult {
  providerId: string | null;
}

/** A delivery report from a provider's callback, mapped to one of our messages. */
export interface DeliveryReport {
  /** Our de-duplication key when the provider echoes it, else its own message id. */
  dedupeKey?: string;
  providerId?: string;
  delivered: boolean;
  error?: string;
}

/**
 * A send that did not succeed. `retryable`: try again later (time-out, 5xx, 429). `maybeSent`:
 * the provider may have accepted it (the answer was lost) — a channel that cannot drop a repeat
 * must then not send again.
 */
export class ChannelError extends Error {
  constructor(message: string, readonly retryable: boolean, readonly maybeSent: boolean) {
    super(message);
    this.name = 'ChannelError';
  }
}

export interface ChannelAdapter {
  readonly channel: ChannelName;
  /** The provider's name for logs and the delivery log (`smtp`, `http`, `brandname`, `zns`, `webpush`). */
  readonly provider: string;
  /**
   * Whether a repeat with the same de-duplication key is dropped by the provider (or collapses on
   * the device), so a send whose outcome is unknown may be tried again safely.
   */
  readonly dropsRepeats: boolean;
  send(m: OutgoingMessage): Promise<SendResult>;
  /** The provider's delivery-report body, as reports; undefined when it sends none. */
  parseReports?(body: unknown): DeliveryReport[];
  close?(): Promise<void>;
}

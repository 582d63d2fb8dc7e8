/**
 * Short-lived, single-purpose sign-in tickets in Redis: the second step of a password sign-in
 * (`mfa`), an OpenID Connect request's state, nonce and PKCE verifier (`oidc-state`), and the
 * one-time code the console exchanges for tokens after an OpenID Connect sign-in (`oidc-code`).
 * The ticket itself is random (256 bits) and kept only as its SHA-256; taking one deletes it.
 */
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/config';
import { ServiceUnavailable } from '../common/errors';
import { CONFIG, REDIS } from '../common/tokens';

export type TicketKind = 'mfa' | 'oidc-state' | 'oidc-code';

@Injectable()
export class SignInTickets {
  constructor(@Inject(REDIS) private readonly redis: Redis, @Inject(CONFIG) private readonly config: AppConfig) {}

  /** Stores the payload under a new ticket for `ttlSeconds`; returns the ticket. */
  async issue(kind: TicketKind, payload: object, ttlSeconds: number, ticket = randomBytes(32).toString('base64url')): Promise<string> {
    await this.call(() => this.redis.set(this.key(kind, ticket), JSON.stringify(payload), 'EX', ttlSeconds));
    return ticket;
  }

  /** The ticket's payload, leaving it in place (a wrong second-factor code does not end the attempt). */
  async peek<T>(kind: TicketKind, ticket: string): Promise<T | null> {
    const raw = await this.call(() => this.redis.get(this.key(kind, ticket)));
    return raw ? (JSON.parse(raw) as T) : null;
  }

  /** The ticket's payload, deleting it: of two concurrent takers only one gets it. */
  async take<T>(kind: TicketKind, ticket: string): Promise<T | null> {
    const raw = await this.call(() => this.redis.getdel(this.key(kind, ticket)));
    return raw ? (JSON.parse(raw) as T) : null;
  }

  private key(kind: TicketKind, ticket: string): string {
    return `${this.config.queuePrefix}-signin-${kind}-${createHash('sha256').update(ticket).digest('hex')}`;
  }

  private async call<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch {
      throw new ServiceUnavailable('Tạm thời không đăng nhập được; thử lại sau ít phút / Sign-in is temporarily unavailable; try again in a few minutes');
    }
  }
}

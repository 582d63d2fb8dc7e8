/**
 * Sign-in through the province's OpenID Connect provider (authorization code flow with PKCE, via
 * openid-client). The request's state, nonce and code verifier stay server-side (Redis, 10 min),
 * keyed by the state; the callback checks the ID token (issuer, audience, signature, nonce), maps
 * the configured claim to an active baove user by user name and hands the browser a one-time code
 * (60 s) that the console exchanges for tokens — tokens never travel in a URL.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { AppConfig, OidcConfig } from '../config/config';
import { NotFound, ServiceUnavailable, Unauthenticated } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { AuditService } from '../audit/audit.service';
import { Db } from '../database/db';
import { AuthService, ClientMeta, PublicUser, SessionTokens } from './auth.service';
import { IdentityRepository, LoginRow } from './identity.repository';
import { SignInTickets } from './sign-in-tickets';

const STATE_SECONDS = 600;
const CODE_SECONDS = 60;
const FAILED = 'Đăng nhập qua cổng định danh không thành công; hãy thử lại / Sign-in with the identity provider failed; try again';
const UNKNOWN_USER = 'Tài khoản định danh chưa gắn với người dùng nào của hệ thống / This identity is not linked to any user here';

interface PendingRequest { nonce: string; codeVerifier: string }

@Injectable()
export class OidcService {
  private readonly logger = new Logger('Oidc');
  private discovered?: Promise<oidc.Configuration>;

  constructor(
    private readonly db: Db,
    private readonly users: IdentityRepository,
    private readonly auth: AuthService,
    private readonly tickets: SignInTickets,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.oidc !== undefined;
  }

  /** Where to send the browser: the provider's authorization endpoint for a new request. */
  async start(): Promise<string> {
    const { settings, client } = await this.client();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const nonce = oidc.randomNonce();
    const state = oidc.randomState();
    await this.tickets.issue('oidc-state', { nonce, codeVerifier } satisfies PendingRequest, STATE_SECONDS, state);
    return oidc.buildAuthorizationUrl(client, {
      redirect_uri: settings.redirectUri, scope: 'openid profile', state, nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier), code_challenge_method: 'S256',
    }).href;
  }

  /**
   * The provider sent the browser back: checks the answer, maps the claim to a user and returns
   * where the browser goes next (the console, with a one-time code). An unknown identity is a 401.
   */
  async callback(query: Record<string, string>, client: ClientMeta): Promise<string> {
    const { settings, client: oidcClient } = await this.client();
    const pending = typeof query.state === 'string' ? await this.tickets.take<PendingRequest>('oidc-state', query.state) : null;
    if (!pending) throw new Unauthenticated(FAILED);
    // The URL the provider redirected to, rebuilt from configuration (never from the Host header).
    const currentUrl = new URL(settings.redirectUri);
    for (const [k, v] of Object.entries(query)) if (typeof v === 'string') currentUrl.searchParams.set(k, v);
    let value: unknown;
    try {
      const tokens = await oidc.authorizationCodeGrant(oidcClient, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier, expectedNonce: pending.nonce, expectedState: query.state, idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error('no ID token');
      // Many providers put profile claims only in UserInfo (bound to the ID token's subject).
      value = idToken[settings.claim] ??
        (await oidc.fetchUserInfo(oidcClient, tokens.access_token, idToken.sub))[settings.claim];
    } catch (e) {
      this.logger.warn({ error: (e as Error).message }, 'OpenID Connect callback refused');
      await this.record(null, 'auth.login_failed', { ip: client.ip, method: 'oidc', reason: 'provider_answer_refused' });
      throw new Unauthenticated(FAILED);
    }
    const row = typeof value === 'string' && value.length <= 100 ? await this.users.userForLogin(value) : undefined;
    if (!row || !row.active) {
      await this.record(row ?? null, 'auth.login_failed', {
        ip: client.ip, method: 'oidc', reason: row ? 'inactive' : 'unknown_subject', claim: settings.claim,
        ...(typeof value === 'string' ? { subject: value.slice(0, 100) } : {}),
      });
      throw new Unauthenticated(UNKNOWN_USER);
    }
    const code = await this.tickets.issue('oidc-code', { userId: row.id }, CODE_SECONDS);
    const target = new URL(settings.consoleUrl, 'http://console.invalid');
    target.searchParams.set('oidcCode', code);
    return settings.consoleUrl.startsWith('/') ? `${target.pathname}${target.search}` : target.href;
  }

  /** The console's one-time code for a session (used once, within a minute). */
  async exchange(code: string, client: ClientMeta): Promise<SessionTokens & { user: PublicUser }> {
    if (!this.enabled) throw new NotFound('Sign-in with an identity provider', 'đăng nhập qua cổng định danh');
    const ticket = await this.tickets.take<{ userId: string }>('oidc-code', code);
    const row = ticket ? await this.users.userWithCredentials(ticket.userId) : undefined;
    if (!row || !row.active) throw new Unauthenticated(FAILED);
    return this.auth.signIn(row, client, 'oidc', {});
  }

  private async record(row: LoginRow | null, action: string, details: Record<string, unknown>): Promise<void> {
    await this.db.transaction((tx) => this.audit.record(tx, {
      actor: row ? { id: row.id, role: row.role } : null, action, entity: 'user', entityId: row?.id ?? null, details,
    }));
  }

  private async client(): Promise<{ settings: OidcConfig; client: oidc.Configuration }> {
    const settings = this.config.oidc;
    if (!settings) throw new NotFound('Sign-in with an identity provider', 'đăng nhập qua cổng định danh');
    this.discovered ??= oidc.discovery(
      new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined,
      // Plain http only outside production (config refuses it there): a test's or a pilot's provider.
      settings.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined,
    ).catch((e: Error) => {
      this.discovered = undefined;
      this.logger.warn({ error: e.message }, 'OpenID Connect discovery failed');
      throw new ServiceUnavailable('Không kết nối được cổng định danh; thử lại sau / The identity provider cannot be reached; try again later');
    });
    return { settings, client: await this.discovered };
  }
}

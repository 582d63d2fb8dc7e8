/**
 * System client secrets: 256 random bits, shown once, kept as SHA-256. A password hash (bcrypt)
 * protects guessable secrets; these are not guessable, so a fast hash loses nothing and keeps the
 * token endpoint cheap. Compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newClientSecret(): string {
  return `bsc_${randomBytes(32).toString('base64url')}`;
}

export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, hash: string | null): boolean {
  if (!hash) return false;
  const a = Buffer.from(hashClientSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

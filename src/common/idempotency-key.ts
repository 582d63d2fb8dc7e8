import { InvalidInput } from './errors';

/** The `Idempotency-Key` header of a command (the console's offline queue sends one): 1–200 printable characters, or none. */
export function idempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(raw)) {
    throw new InvalidInput({ 'Idempotency-Key': ['1–200 ký tự in được / 1–200 printable characters'] });
  }
  return raw;
}

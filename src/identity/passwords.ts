import bcrypt from 'bcryptjs';
import { randomInt } from 'node:crypto';

/**
 * Readable, strong temporary passwords: 4 groups of 5 from 31 unambiguous characters (about 99
 * bits), from the operating system's CSPRNG. Given by an administrator (or the bootstrap command);
 * the user must change it at first sign-in.
 */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export function temporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 5; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/**
 * The stored hash of a password set by an administrator: bcrypt at the cost login compares against
 * (auth.service.ts PASSWORD_HASH_ROUNDS). One place to follow if sign-in changes its hashing.
 */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}

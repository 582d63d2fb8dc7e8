/**
 * Password hashing and the password policy.
 *
 * Hashing runs on libuv's thread pool (the native `bcrypt` addon, whose prebuilt binary ships in
 * its npm package), never on the event loop, so a burst of sign-ins cannot stall other requests.
 * (argon2's shipped binary crashed the process on our Debian machines, and building it needs an
 * install script: bcrypt is OWASP's accepted alternative.) Hashes of a lower cost still verify and
 * are replaced at the next successful sign-in.
 *
 * The policy: 10 to 200 characters, not the user name, not the demo password, and strong enough
 * for zxcvbn (score 3 of 4, the estimator's own dictionaries and keyboard patterns).
 */
import bcrypt from 'bcrypt';
import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/**
 * OWASP Password Storage Cheat Sheet: bcrypt with a work factor of 10 at least. Not more here: a
 * hash at 12 costs ~250 ms of a core, and on a 2-core server a few concurrent sign-ins then starve
 * the event loop of CPU (measured by test/auth-throttle: /health went from <200 ms to 700 ms).
 */
export const BCRYPT_COST = 10;

/**
 * Hashes at once, at most: half the cores. The thread pool would otherwise run four, and on a small
 * server the sign-in burst would take the CPU from everything else (measured: /health at 250 ms).
 */
const HASHING_SLOTS = Math.max(1, Math.floor(availableParallelism() / 2));
let busy = 0;
const waiting: Array<() => void> = [];

async function hashingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy >= HASHING_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else busy++;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter, or free it.
    const next = waiting.shift();
    if (next) next();
    else busy--;
  }
}

export function hashPassword(password: string, cost = BCRYPT_COST): Promise<string> {
  return hashingSlot(() => bcrypt.hash(password, cost));
}

/** Whether `password` matches `hash`, and whether the hash is weaker than today's and should be replaced. */
export async function verifyPassword(hash: string, password: string): Promise<{ ok: boolean; rehash: boolean }> {
  // Not a bcrypt hash at all (e.g. a disabled account's placeholder): no match, without asking the addon.
  if (!/^\$2[aby]\$\d\d\$/.test(hash)) return { ok: false, rehash: false };
  const ok = await hashingSlot(() => bcrypt.compare(password, hash));
  return { ok, rehash: ok && bcrypt.getRounds(hash) < BCRYPT_COST };
}

let dummy: Promise<string> | undefined;
/** Compared against when the user name is unknown, so both failures take the same time. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('baove-no-such-user');
  return dummy;
}

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
/** zxcvbn's score: 3 = "safely unguessable: moderate protection from offline slow-hash scenario". */
const MIN_SCORE = 3;
/** Published passwords and words of this product: refused whatever their score. */
const PUBLISHED = ['baove-demo-2026'];
const PRODUCT_WORDS = ['baove', 'bảo vệ', 'bao ve', 'tre em', 'trẻ em', 'matkhau', 'mật khẩu', 'password'];

let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return estimator;
}

/** zxcvbn's warning codes, said plainly (Vietnamese first). */
const WARNINGS: Record<string, string> = {
  straightRow: 'Dãy phím liền nhau rất dễ đoán / A row of keys is easy to guess',
  keyPattern: 'Kiểu gõ phím ngắn rất dễ đoán / Short keyboard patterns are easy to guess',
  simpleRepeat: 'Ký tự lặp lại như "aaa" rất dễ đoán / Repeated characters like "aaa" are easy to guess',
  extendedRepeat: 'Chuỗi ký tự lặp lại rất dễ đoán / Repeated character patterns are easy to guess',
  sequences: 'Dãy như "abc" hay "123" rất dễ đoán / Sequences like "abc" or "123" are easy to guess',
  recentYears: 'Năm gần đây rất dễ đoán / Recent years are easy to guess',
  dates: 'Ngày tháng rất dễ đoán / Dates are easy to guess',
  topTen: 'Đây là một trong những mật khẩu phổ biến nhất / This is one of the most used passwords',
  topHundred: 'Đây là mật khẩu rất phổ biến / This is a very common password',
  common: 'Đây là mật khẩu phổ biến / This is a common password',
  similarToCommon: 'Mật khẩu giống một mật khẩu phổ biến / This is similar to a common password',
  wordByItself: 'Một từ đơn lẻ rất dễ đoán / Single words are easy to guess',
  namesByThemselves: 'Tên riêng đơn lẻ rất dễ đoán / Single names are easy to guess',
  commonNames: 'Tên phổ biến rất dễ đoán / Common names are easy to guess',
  userInputs: 'Không dùng tên đăng nhập hay thông tin của hệ thống / Do not use your user name or the system’s name',
  pwned: 'Mật khẩu này đã bị lộ trong các vụ rò rỉ dữ liệu / This password appeared in a data breach',
};
const TOO_WEAK = 'Mật khẩu quá dễ đoán: hãy dùng một câu ngắn gồm vài từ không liên quan / ' +
  'Too easy to guess: use a short phrase of several unrelated words';

/** What is wrong with a new password (bilingual messages), or an empty list. */
export function passwordProblems(password: string, username: string): string[] {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return [`Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự / Use at least ${MIN_PASSWORD_LENGTH} characters`];
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return [`Mật khẩu dài tối đa ${MAX_PASSWORD_LENGTH} ký tự / Use at most ${MAX_PASSWORD_LENGTH} characters`];
  }
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (PUBLISHED.some((p) => lower.includes(p))) {
    return ['Không được dùng mật khẩu mẫu đã công bố / The published demo password may not be used'];
  }
  if (name.length >= 3 && (lower.includes(name) || name.split(/[._@-]/).some((part) => part.length >= 4 && lower.includes(part)))) {
    return ['Mật khẩu không được chứa tên đăng nhập / The password may not contain your user name'];
  }
  const result = zxcvbn().check(password.slice(0, 100), [username, ...name.split(/[._@-]/), ...PRODUCT_WORDS]);
  if (result.score >= MIN_SCORE) return [];
  const warning = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
  return warning ? [warning, TOO_WEAK] : [TOO_WEAK];
}

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

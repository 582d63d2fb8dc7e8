import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidInput } from './errors';

/** Flattens class-validator's nested errors into `{ "child.sex": ["..."] }`. */
export function fieldErrors(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const err of errors) {
    const path = prefix ? `${prefix}.${err.property}` : err.property;
    if (err.constraints) out[path] = Object.values(err.constraints);
    if (err.children?.length) Object.assign(out, fieldErrors(err.children, path));
  }
  return out;
}

/** No request of the API nests deeper than a few levels; the transformer and validator recurse. */
export const MAX_INPUT_DEPTH = 16;

const TOO_DEEP = `Dữ liệu lồng nhau quá sâu (tối đa ${MAX_INPUT_DEPTH} cấp) / Nested too deeply (at most ${MAX_INPUT_DEPTH} levels)`;
const NUL = 'Không được chứa ký tự NUL (\\u0000) / Must not contain the NUL character (\\u0000)';
/** A lone UTF-16 surrogate: text no encoder can write (Redis keys, PostgreSQL text, JSON out). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MALFORMED = 'Chuỗi ký tự không hợp lệ / Malformed text (a lone surrogate)';
/** Keys no field of the API has, that object machinery gives meaning to (class-transformer reads `constructor`). */
const RESERVED_KEYS = new Set(['constructor', '__proto__', 'prototype']);
const RESERVED = 'Tên trường không hợp lệ / Not a valid field name';

/**
 * What no DTO can accept and the layers below cannot take: nesting deeper than MAX_INPUT_DEPTH
 * (class-transformer and class-validator recurse and would overflow the stack), NUL characters
 * (PostgreSQL text cannot hold them) and the keys `constructor`, `__proto__` and `prototype`
 * (class-transformer takes an object's `constructor` key for its class, and throws), and text with
 * lone surrogates (no encoder can write it: a Redis key made of it failed the sign-in throttle). Walks iteratively: the input is hostile. Returns field errors or null.
 */
export function inputErrors(value: unknown, name: string): Record<string, string[]> | null {
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: name, depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { [path || 'body']: [NUL] };
      if (LONE_SURROGATE.test(v)) return { [path || 'body']: [MALFORMED] };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { [path.split('.')[0] || 'body']: [TOO_DEEP] };
    for (const [key, child] of Object.entries(v)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return { [at]: [NUL] };
      if (RESERVED_KEYS.has(key)) return { [at]: [RESERVED] };
      if (LONE_SURROGATE.test(key)) return { [at]: [MALFORMED] };
      stack.push({ v: child, path: at, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Whitelist, forbid unknown fields, transform to DTO classes; 400 with field errors otherwise.
 * Input nested deeper than any DTO, or holding NUL characters, is refused before anything walks it.
 */
export function createValidationPipe(): ValidationPipe {
  return new (class extends ValidationPipe {
    override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
      const errors = inputErrors(value, metadata.type === 'param' ? metadata.data ?? '' : '');
      if (errors) throw new InvalidInput(errors);
      return super.transform(value, metadata);
    }
  })({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInput(fieldErrors(errors)),
  });
}

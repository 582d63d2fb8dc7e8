/**
 * A small deterministic generator of hostile input: a seeded PRNG, a pool of values a client
 * should never be able to turn into a 500 (wrong types, huge strings, SQL and script fragments,
 * bad UUIDs and dates, deep JSON, prototype keys, odd Unicode), and mutations of a valid request.
 */

/** mulberry32: a tiny, fast, seeded PRNG (same seed, same run). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** A UUID-shaped value of this generator (valid format, almost surely absent). */
  uuid(): string {
    const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[this.int(16)]).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[this.int(4)]}${hex(3)}-${hex(12)}`;
  }
}

const SQL = [
  `' OR '1'='1`, `'; DROP TABLE cases; --`, `1; SELECT pg_sleep(5)`, `' UNION SELECT password_hash FROM users --`,
  `$1`, `%`, `_`, `\\`, `'`, `"`, `\\'; --`, `1 OR 1=1`, `van-son' OR commune_code <> '`, `E'\\x00'`, `$$ LANGUAGE plpgsql $$`,
  `'::uuid`, `ARRAY[1]`, `(SELECT 1)`, `%' AND 1=(SELECT 1 FROM pg_sleep(2)) --`,
];
const SCRIPT = [
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{7*7}}', '${7*7}', '#{7*7}',
  '<svg/onload=alert(1)>', '../../../../etc/passwd', '..%2f..%2f', 'C:\\Windows\\system32', '=cmd|\' /C calc\'!A0',
];
const BAD_UUIDS = [
  'not-a-uuid', '00000000-0000-0000-0000-00000000000g', '123', '', ' ', '00000000000000000000000000000000',
  '{00000000-0000-4000-8000-000000000000}', '00000000-0000-4000-8000-000000000000x', 'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'me',
];
const BAD_DATES = [
  '2026-02-30', '2026-13-01', '0000-00-00', '2026-00-10', '9999-12-31T23:59:59Z', '-271821-04-20T00:00:00Z',
  '+275760-09-13T00:00:00.000Z', '+275760-09-14T00:00:00.000Z', '2026-01-01T25:00:00Z', '2026-01-01T00:00:00+25:00', '1e10',
  'today', 'yesterday', '2026-W01', '2026-1-1', '01/02/2026', '2026-01-01T00:00:00.000000000000001Z', '1970-01-01T00:00:00Z',
  '0001-01-01', '2026-H3', '2026-H1', '2026', '99999', '-2026', '2026-02-29', '2024-02-29', '2026-12-31',
];
const NUMBERS = [0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 1e308, -1e308, 3.14, -0, 1e-300, 999999999999];
const NUMBERISH = ['1', '01', '0x10', '1e3', '1e400', 'Infinity', '-Infinity', 'NaN', '-0', '1.5', ' 1', '1 ', '+1', '١', '99999999999999999999'];
const UNICODE = [
  '\u0000', 'a\u0000b', '\uD800', '\uDFFF\uD800', '\u202Etxt.exe', '\uFEFF', '\r\n\r\nX-Injected: 1', 'Nguyễn Thị Lan'.normalize('NFD'),
  '👶🏽'.repeat(500), '\u200B'.repeat(300), 'ǅ', 'ﬀ', 'İ', '\t', '\u2028\u2029', '𝕏', 'ÿ'.repeat(3),
];

/**
 * A nested object or array `depth` levels deep, kept symbolic: JSON.stringify cannot write a few
 * thousand levels (the server's JSON.parse can read them), so `serialize` writes it out.
 */
export class Deep {
  constructor(readonly depth: number, readonly array: boolean) {}
}

/** JSON text of a value that may hold `Deep` parts; own `__proto__` keys are kept. */
export function serialize(v: unknown): string {
  if (v instanceof Deep) return v.array ? '['.repeat(v.depth) + ']'.repeat(v.depth) : '{"a":'.repeat(v.depth) + '{}' + '}'.repeat(v.depth);
  if (Array.isArray(v)) return `[${v.map(serialize).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${serialize(x)}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** One hostile value (any JSON type). */
export function hostile(rng: Rng): unknown {
  switch (rng.int(14)) {
    case 0: return rng.pick(SQL);
    case 1: return rng.pick(SCRIPT);
    case 2: return rng.pick(BAD_UUIDS);
    case 3: return rng.pick(BAD_DATES);
    case 4: return rng.pick(NUMBERS);
    case 5: return rng.pick(NUMBERISH);
    case 6: return rng.pick(UNICODE);
    case 7: return rng.pick([true, false, null, [], {}, [null], [[]], [{}], '', ' ', 'null', 'true', 'undefined']);
    case 8: return rng.pick(['A', 'ấ', 'x', '9', '\'']).repeat(rng.pick([201, 2001, 10_001, 60_000]));
    case 9: return new Deep(rng.pick([20, 200, 2000, 10_000]), rng.chance(0.5));
    case 10: return JSON.parse(rng.pick(['{"__proto__":{"role":"admin"}}', '{"constructor":{"prototype":{"x":1}}}', '{"toString":"x","valueOf":1}',
      '{"hasOwnProperty":1}']));
    case 11: return Array.from({ length: rng.pick([2, 50, 1000]) }, () => rng.pick([...SQL, ...SCRIPT, 1, null, {}]));
    case 12: return rng.uuid();
    default: return { [rng.pick(['$gt', '$where', 'type', 'role', 'id', '__proto__', 'constructor'])]: rng.pick([...SQL, 1, true, {}]) };
  }
}

/** A hostile value as it can appear in a query string or a path segment. */
export function hostileText(rng: Rng): string {
  switch (rng.int(9)) {
    case 0: return rng.pick(SQL);
    case 1: return rng.pick(SCRIPT);
    case 2: return rng.pick(BAD_UUIDS);
    case 3: return rng.pick(BAD_DATES);
    case 4: return rng.pick(NUMBERISH);
    case 5: return rng.pick(UNICODE.filter((u) => !/[\uD800-\uDFFF]/.test(u) || /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(u)));
    case 6: return rng.pick(['A', 'ấ']).repeat(rng.pick([101, 1001, 6000]));
    case 7: return String(rng.pick(NUMBERS));
    default: return rng.uuid();
  }
}

type Json = Record<string, unknown> | unknown[];
type Key = string | number;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Deep);

/** Sets an own property, `__proto__` included (plain assignment would change the prototype instead). */
function setOwn(obj: object, key: Key, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every path (list of keys) into a JSON value, the root included. */
function paths(v: unknown, prefix: Key[] = [], out: Key[][] = []): Key[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (isObject(v)) for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...prefix, k], out);
  return out;
}

function get(root: unknown, path: Key[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<Key, unknown>)[k], root);
}


/**
 * A mutation of a valid JSON body: a field replaced by a hostile value (sometimes two), removed, or
 * joined by an unknown one, or the whole body replaced. One time in twenty the body stays valid,
 * so the request can succeed and the dataset moves on.
 */
export function mutateBody(rng: Rng, valid: Json): unknown {
  const body = JSON.parse(JSON.stringify(valid)) as Json;
  const roll = rng.int(20);
  if (roll === 0) return body;
  if (roll === 1) return hostile(rng);
  const fields = paths(body).filter((p) => p.length > 0);
  if (roll <= 4 || fields.length === 0) {
    const objects = paths(body).filter((p) => isObject(get(body, p)));
    if (objects.length === 0) return hostile(rng);
    const obj = get(body, rng.pick(objects)) as Record<string, unknown>;
    setOwn(obj, rng.pick(['extra', 'id', 'role', 'state', 'version', 'createdBy', 'communeCode', '__proto__', 'constructor', 'admin', 'hash']), hostile(rng));
    return body;
  }
  const replace = (path: Key[]) => {
    setOwn(get(body, path.slice(0, -1)) as object, path[path.length - 1], hostile(rng));
  };
  const path = rng.pick(fields);
  if (roll <= 7) {
    const parent = get(body, path.slice(0, -1));
    if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
    else delete (parent as Record<Key, unknown>)[path[path.length - 1]];
    return body;
  }
  if (rng.chance(0.2)) {
    // A second field, outside the first (never inside a value just made hostile).
    const others = fields.filter((p) => !path.every((k, i) => p[i] === k) && !p.every((k, i) => path[i] === k));
    if (others.length) replace(rng.pick(others));
  }
  replace(path);
  return body;
}

/** Bodies that are not JSON at all, or broken JSON, sent as application/json or another type. */
export function malformedBody(rng: Rng): { raw: string; contentType: string } {
  const raw = rng.pick([
    '{', '{"a":', '[1,2', '{"a":1}}', 'null', '1', '"x"', 'true', '{"a":NaN}', '{"a":undefined}', "{'a':1}", '{"a":1,}',
    '\uFEFF{"a":1}', '{"a":"\\u00"}', '{"a":"\\uD800"}', '<xml/>', 'a=1&b=2', '', '[]'.repeat(1000), '{"a":1e999999}',
    '{"__proto__":{"polluted":1}}', `{"a":"${'x'.repeat(300_000)}"}`, '[' + '['.repeat(100_000),
  ]);
  const contentType = rng.pick(['application/json', 'application/json', 'application/json; charset=utf-16', 'application/json; charset=latin1',
    'text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'application/merge-patch+json']);
  return { raw, contentType };
}

import { inputErrors, MAX_INPUT_DEPTH } from './validation';
import { loggable } from './http-exception.filter';

describe('input guards', () => {
  const nested = (depth: number) => {
    let v: unknown = 'x';
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  };

  it('accepts ordinary requests', () => {
    expect(inputErrors({ type: 'SUBMIT_PLAN', data: { goals: 'x', actions: [{ kind: 'medical_care', dueInDays: 3 }] } }, '')).toBeNull();
    expect(inputErrors({ field: nested(MAX_INPUT_DEPTH - 1) }, '')).toBeNull();
  });

  it('refuses nesting past the limit, naming the top-level field, without recursing', () => {
    expect(inputErrors({ ok: 1, child: nested(MAX_INPUT_DEPTH) }, '')).toEqual({ child: [expect.stringContaining('Nested too deeply')] });
    expect(Object.keys(inputErrors(JSON.parse('['.repeat(200_000) + ']'.repeat(200_000)), '')!)).toEqual(['0']);
  });

  it('refuses NUL characters in values and keys, naming where', () => {
    expect(inputErrors({ child: { fullName: 'a\u0000b' } }, '')).toEqual({ 'child.fullName': [expect.stringContaining('NUL')] });
    expect(inputErrors({ data: { 'x\u0000': 1 } }, '')).toEqual({ 'data.x\u0000': [expect.stringContaining('NUL')] });
    expect(inputErrors('2026\u0000', 'day')).toEqual({ day: [expect.stringContaining('NUL')] });
  });
});

describe('malformed text', () => {
  it('refuses lone surrogates in values and keys, and accepts paired ones', () => {
    expect(inputErrors({ username: '\udfff\ud800' }, '')).toEqual({ username: [expect.stringContaining('lone surrogate')] });
    expect(inputErrors({ ['a\ud800']: 1 }, '')).toEqual({ 'a\ud800': [expect.stringContaining('lone surrogate')] });
    expect(inputErrors({ name: 'Lan 👧' }, '')).toBeNull();
  });
});

describe('reserved keys', () => {
  it('refuses constructor, __proto__ and prototype keys anywhere, naming where', () => {
    expect(inputErrors(JSON.parse('{"reason":{"constructor":{"prototype":{"x":1}}}}'), '')).toEqual({ 'reason.constructor': [expect.stringContaining('field name')] });
    expect(inputErrors(JSON.parse('{"data":{"__proto__":{"admin":true}}}'), '')).toEqual({ 'data.__proto__': [expect.stringContaining('field name')] });
  });
});

describe('loggable errors', () => {
  it('keeps a database error’s code and names, never its parameters, row detail or message', () => {
    const driverError = Object.assign(new Error('invalid input syntax: "Nguyễn Thị Lan"'), {
      code: '22P02', routine: 'string_to_uuid', table: 'case_children', detail: 'Failing row contains (Nguyễn Thị Lan)',
    });
    const e = Object.assign(new Error('invalid input syntax: "Nguyễn Thị Lan"'), {
      name: 'QueryFailedError', driverError, query: 'INSERT ...', parameters: ['Nguyễn Thị Lan', '0912345678'],
    });
    const logged = loggable(e);
    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '22P02', routine: 'string_to_uuid', table: 'case_children' });
    expect(JSON.stringify(logged)).not.toMatch(/Nguyễn|0912345678/);
  });

  it('keeps an application error’s message and stack', () => {
    expect(loggable(new TypeError('x is undefined'))).toMatchObject({ type: 'TypeError', message: 'x is undefined', stack: expect.any(String) });
  });
});

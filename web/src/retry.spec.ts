import { ApiError } from './api';
import { MAX_RETRIES, retryDelay, shouldRetry } from './retry';

describe('the console retries a failed request only when that can help', () => {
  it.each([0, 408, 429, 502, 503, 504])('retries %i (no answer, or the API cannot serve now)', (status) => {
    expect(shouldRetry(0, new ApiError(status, null))).toBe(true);
    expect(shouldRetry(MAX_RETRIES - 1, new ApiError(status, null))).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 410, 422, 500])('does not retry %i: asking again gets the same answer', (status) => {
    expect(shouldRetry(0, new ApiError(status, null))).toBe(false);
  });

  it('stops after MAX_RETRIES tries, and does not retry what is not an API error (a bug in the page)', () => {
    expect(MAX_RETRIES).toBe(3);
    expect(shouldRetry(MAX_RETRIES, new ApiError(0, null))).toBe(false);
    expect(shouldRetry(0, new TypeError('x is undefined'))).toBe(false);
  });

  it('waits 1, 2, 4 s… and never more than 15 s', () => {
    expect([0, 1, 2, 3, 4, 10].map(retryDelay)).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
  });
});

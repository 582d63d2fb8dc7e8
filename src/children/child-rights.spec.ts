import { consentStatuses } from './child-rights.service';

const given = (givenBy: string, purpose = 'media', extra: { purposeText?: string | null; withdrawnAt?: Date | null } = {}) =>
  ({ purpose, purposeText: extra.purposeText ?? null, givenBy, withdrawnAt: extra.withdrawnAt ?? null });

describe('consentStatuses', () => {
  it('under 7 a parent’s or guardian’s consent is complete; the child’s alone is not', () => {
    expect(consentStatuses([given('guardian')], 6)).toEqual([{ purpose: 'media', purposeText: null, childNeeded: false, byChild: false, byParentOrGuardian: true, complete: true }]);
    expect(consentStatuses([given('child')], 6)[0].complete).toBe(false);
  });

  it('from 7, and at an unknown age, both the child’s and a parent’s or guardian’s are needed', () => {
    for (const age of [7, 15, null]) {
      expect(consentStatuses([given('parent')], age)[0]).toMatchObject({ childNeeded: true, complete: false });
      expect(consentStatuses([given('parent'), given('child')], age)[0].complete).toBe(true);
    }
  });

  it('ignores withdrawn consents and keeps purposes apart (another purpose by its text)', () => {
    const out = consentStatuses([
      given('parent'), given('child', 'media', { withdrawnAt: new Date() }),
      given('parent', 'other', { purposeText: 'Loa xã' }), given('child', 'other', { purposeText: 'loa xã ' }),
      given('child', 'other', { purposeText: 'Báo tỉnh' }),
    ], 9);
    expect(out.map((s) => [s.purpose, s.purposeText, s.complete])).toEqual([['media', null, false], ['other', 'Loa xã', true], ['other', 'Báo tỉnh', false]]);
  });
});

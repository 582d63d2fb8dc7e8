import { effectiveDateOf, signerTitleOf } from './decision-rules';

describe('decision rules', () => {
  it('signs as the chair unless the chair chose a vice-chair’s signature; a supervisor signs as supervisor', () => {
    expect(signerTitleOf('chair', undefined)).toBe('chair');
    expect(signerTitleOf('chair', 'vice_chair')).toBe('vice_chair');
    expect(signerTitleOf('chair', 'supervisor')).toBe('chair');
    expect(signerTitleOf('supervisor', undefined)).toBe('supervisor');
    // A supervisor cannot borrow the chair's title, whatever they sent.
    expect(signerTitleOf('supervisor', 'vice_chair')).toBe('supervisor');
    expect(signerTitleOf('social_worker', 'chair')).toBeNull();
    expect(signerTitleOf('vice_chair', undefined)).toBeNull();
  });

  it('takes effect from the day it is signed, or a later day within a year', () => {
    expect(effectiveDateOf(undefined, '2026-03-05')).toEqual({ value: null });
    expect(effectiveDateOf('', '2026-03-05')).toEqual({ value: null });
    expect(effectiveDateOf('2026-03-05', '2026-03-05')).toEqual({ value: '2026-03-05' });
    expect(effectiveDateOf('2027-03-06', '2026-03-05')).toEqual({ value: '2027-03-06' });
    for (const bad of ['2026-03-04', '2027-03-07', '2026-02-30', '2026-3-5', '05/03/2026', 'ngày mai', 7]) {
      const r = effectiveDateOf(bad, '2026-03-05');
      expect(r).toHaveProperty('errors');
      const message = (r as { errors: Record<string, string[]> }).errors['data.effectiveOn'][0];
      expect(message).toContain(' / ');
    }
  });
});

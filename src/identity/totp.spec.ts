import { generateSync } from 'otplib';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, openSecret, sealSecret, totpStep, totpUri } from './totp';

describe('totp', () => {
  const key = 'k'.repeat(40);

  it('seals a seed so that only the same key opens it', () => {
    const secret = newTotpSecret();
    const sealed = sealSecret(secret, key);
    expect(sealed).not.toContain(secret);
    expect(openSecret(sealed, key)).toBe(secret);
    expect(() => openSecret(sealed, 'x'.repeat(40))).toThrow();
  });

  it('accepts a current code once (not at or before the last accepted step) and refuses others', () => {
    const secret = newTotpSecret();
    const code = generateSync({ secret });
    const step = totpStep(secret, code, null);
    expect(step).toEqual(expect.any(Number));
    expect(totpStep(secret, code, step)).toBeNull();
    expect(totpStep(secret, code === '000000' ? '111111' : '000000', null)).toBeNull();
    expect(totpStep(secret, 'abcdef', null)).toBeNull();
  });

  it('names the issuer and the user in the otpauth URI', () => {
    expect(totpUri('JBSWY3DPEHPK3PXP', 'vanson.chair')).toBe('otpauth://totp/baove:vanson.chair?secret=JBSWY3DPEHPK3PXP&issuer=baove');
  });

  it('makes ten distinct recovery codes, hashed whatever their case or dashes', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(codes[0]).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(hashRecoveryCode(codes[0].toUpperCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(codes[0]));
  });
});

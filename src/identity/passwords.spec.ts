import bcrypt from 'bcrypt';
import { hashPassword, passwordProblems, verifyPassword } from './passwords';

describe('passwords', () => {
  it('hashes with bcrypt at cost 10 and verifies, refusing a wrong password', async () => {
    const hash = await hashPassword('một câu dài về cánh đồng lúa');
    expect(hash).toMatch(/^\$2b\$10\$/);
    expect(await verifyPassword(hash, 'một câu dài về cánh đồng lúa')).toEqual({ ok: true, rehash: false });
    expect((await verifyPassword(hash, 'wrong')).ok).toBe(false);
  });

  it('still verifies weaker hashes of earlier versions and asks for a rehash', async () => {
    const legacy = await bcrypt.hash('old-password-1', 4);
    expect(await verifyPassword(legacy, 'old-password-1')).toEqual({ ok: true, rehash: true });
    expect((await verifyPassword(legacy, 'nope')).ok).toBe(false);
    expect((await verifyPassword('not-a-hash', 'x')).ok).toBe(false);
  });

  it('refuses short, common, user-name-based and published passwords with bilingual reasons', () => {
    expect(passwordProblems('short', 'vanson.chair')[0]).toContain('ít nhất 10 ký tự');
    expect(passwordProblems('password123', 'vanson.chair').join(' ')).toMatch(/phổ biến|dễ đoán/);
    expect(passwordProblems('vanson.chair2026!', 'vanson.chair')[0]).toContain('tên đăng nhập');
    expect(passwordProblems('baove-demo-2026', 'vanson.chair')[0]).toContain('mật khẩu mẫu');
    expect(passwordProblems('1234567890', 'x.y').length).toBeGreaterThan(0);
    for (const p of passwordProblems('qwertyuiop', 'x.y')) expect(p).toContain(' / ');
  });

  it('accepts a passphrase, Vietnamese included', () => {
    expect(passwordProblems('Trâu ăn cỏ bên sông Mã 1987', 'vanson.chair')).toEqual([]);
    expect(passwordProblems('correct horse battery staple', 'vanson.chair')).toEqual([]);
  });
});

import { fold, givenName, nameKey, phoneDigits } from './names';

describe('names', () => {
  it('folds Vietnamese names to plain lower-case words', () => {
    expect(fold('Nguyễn Thị Hương Giang')).toBe('nguyen thi huong giang');
    expect(fold('  ĐẶNG   Đức-Ưng ')).toBe('dang duc ung');
    expect(fold('Lò Thị Ơn')).toBe('lo thi on');
    expect(fold(null)).toBe('');
  });

  it('keys a name by its sorted words and knows the given name', () => {
    expect(nameKey('Giang Nguyễn Thị Hương')).toBe(nameKey('Nguyễn Thị Hương Giang'));
    expect(givenName('Nguyễn Thị Hương Giang')).toBe('giang');
    expect(givenName('')).toBeNull();
  });

  it('writes phone numbers in their national form', () => {
    expect(phoneDigits('+84 912 345 678')).toBe('0912345678');
    expect(phoneDigits('84912345678')).toBe('0912345678');
    expect(phoneDigits('0912.345.678')).toBe('0912345678');
    expect(phoneDigits('')).toBeNull();
  });
});

import { personalIdErrors } from './personal-id';

describe('personalIdErrors', () => {
  const girl2014 = { sex: 'female', birthYear: 2014, birthYearExact: true };

  it('accepts a number consistent with the child', () => {
    expect(personalIdErrors('038314001234', girl2014)).toEqual([]);
    expect(personalIdErrors('001214001234', { sex: 'male', birthYear: 2014, birthYearExact: true })).toEqual([]);
    expect(personalIdErrors('038314001234', { sex: 'unknown', birthYear: null, birthYearExact: false })).toEqual([]);
    // An estimated age is a year either way.
    expect(personalIdErrors('038314001234', { sex: 'female', birthYear: 2015, birthYearExact: false })).toEqual([]);
  });

  it('refuses a malformed number, an unknown province, a century-sex digit out of range', () => {
    expect(personalIdErrors('03831400123', girl2014)).toHaveLength(1);
    expect(personalIdErrors('003314001234', girl2014)[0]).toMatch(/province code/);
    expect(personalIdErrors('097314001234', girl2014)[0]).toMatch(/province code/);
    expect(personalIdErrors('038514001234', girl2014)[0]).toMatch(/4th digit/);
  });

  it('refuses a number that contradicts the sex or the year of birth', () => {
    expect(personalIdErrors('038214001234', girl2014)[0]).toMatch(/sex/);
    expect(personalIdErrors('038315001234', girl2014)[0]).toMatch(/born in 2015/);
    expect(personalIdErrors('038114001234', girl2014)[0]).toMatch(/born in 1914/);
    expect(personalIdErrors('038317001234', { sex: 'female', birthYear: 2015, birthYearExact: false })[0]).toMatch(/born in 2017/);
  });
});

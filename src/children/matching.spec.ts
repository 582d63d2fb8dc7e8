import { CandidateFacts, editDistance, MATCH_THRESHOLD, Probe, scoreCandidate } from './matching';

const probe: Probe = {
  name: 'nguyen thi huong giang', nameKey: 'giang huong nguyen thi', given: 'giang', firstWord: 'nguyen', sex: 'female',
  dateOfBirth: '2014-03-05', birthYear: 2014, communeCode: 'van-son', village: 'thon dong', phones: ['0912345678'], personalId: null,
};
const record: CandidateFacts = {
  nameSimilarity: 1, nameWordSimilarity: 1, otherNamesSimilarity: 0, fatherSimilarity: 0, motherSimilarity: 0,
  name: 'nguyen thi huong giang', nameKey: 'giang huong nguyen thi', given: 'giang', sex: 'female', dateOfBirth: '2014-03-05', birthYear: 2014,
  communeCode: 'van-son', village: 'thon dong', phones: [], personalId: null,
};
const codes = (s: ReturnType<typeof scoreCandidate>) => s!.reasons.map((r) => r.code);

describe('scoreCandidate', () => {
  it('scores the same child high, with its reasons', () => {
    const s = scoreCandidate(probe, record)!;
    expect(s.score).toBe(45 + 10 + 25 + 5 + 7);
    expect(codes(s)).toEqual(['name_same', 'given_name_same', 'dob_same', 'same_commune', 'same_village']);
    expect(s.reasons[0]).toEqual({ code: 'name_same', vi: 'Cùng họ tên', en: 'Same full name' });
  });

  it('takes swapped family and given names for the same name', () => {
    const s = scoreCandidate({ ...probe, name: 'giang nguyen thi huong', given: 'huong', firstWord: 'giang' }, record);
    expect(codes(s).slice(0, 2)).toEqual(['name_swapped', 'given_name_same']);
  });

  it('forgives a misspelled given name, not another one', () => {
    expect(codes(scoreCandidate({ ...probe, name: 'nguyen thi huong giag', nameKey: 'giag huong nguyen thi', given: 'giag' }, { ...record, nameSimilarity: 0.7 })))
      .toContain('given_name_close');
    expect(codes(scoreCandidate({ ...probe, name: 'nguyen thi huong lan', nameKey: 'huong lan nguyen thi', given: 'lan' }, { ...record, nameSimilarity: 0.6 })))
      .toContain('given_name_differs');
  });

  it('weighs another year of birth and another sex against', () => {
    const older = scoreCandidate(probe, { ...record, dateOfBirth: '2010-07-20', birthYear: 2010 })!;
    expect(older.score).toBeLessThan(scoreCandidate(probe, record)!.score);
    expect(codes(older)).toContain('birth_year_differs');
    const boy = scoreCandidate(probe, { ...record, sex: 'male' })!;
    expect(scoreCandidate(probe, record)!.score - boy.score).toBe(30);
    expect(codes(boy)).toContain('sex_differs');
    // Another sex and only a similar name: not offered.
    expect(scoreCandidate(probe, { ...record, sex: 'male', name: 'nguyen van giang', nameKey: 'giang nguyen van', nameSimilarity: 0.55, nameWordSimilarity: 0.5, village: null })!.score)
      .toBeLessThan(MATCH_THRESHOLD);
  });

  it('is certain on a shared personal id and excludes a different one', () => {
    expect(scoreCandidate({ ...probe, personalId: '038314001111' }, { ...record, personalId: '038314001111', nameSimilarity: 0.2 })!.score).toBe(100);
    expect(scoreCandidate({ ...probe, personalId: '038314001111' }, { ...record, personalId: '038314002222' })).toBeNull();
  });

  it('counts a parent’s name and phone', () => {
    const s = scoreCandidate(probe, { ...record, motherSimilarity: 0.9, phones: ['0912345678'] });
    expect(codes(s)).toEqual(expect.arrayContaining(['mother_name_same', 'phone_same']));
  });

  it('measures edits between short words', () => {
    expect(editDistance('giang', 'giag')).toBe(1);
    expect(editDistance('lan', 'lanh')).toBe(1);
    expect(editDistance('lan', 'giang')).toBe(3);
  });
});

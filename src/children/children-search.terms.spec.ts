import { editsAllowed, searchTerms } from './children-search.terms';

describe('search terms', () => {
  it('reads 12 digits as a personal identification number, in any grouping', () => {
    expect(searchTerms('038314001234')).toEqual({ kind: 'personalId', personalId: '038314001234' });
    expect(searchTerms('0383 1400 1234')).toEqual({ kind: 'personalId', personalId: '038314001234' });
  });

  it('reads a phone number in its usual forms, in the national form', () => {
    for (const q of ['0912345678', '0912 345 678', '+84 912-345-678', '84912345678', '(091) 234.5678']) {
      expect([q, searchTerms(q)]).toEqual([q, { kind: 'phone', phone: '0912345678' }]);
    }
  });

  it('reads anything else as folded words, with the typos each may carry', () => {
    const t = searchTerms('  Hương   GIANG nguyễn  huong ');
    expect(t).toMatchObject({ kind: 'words', folded: 'huong giang nguyen', key: 'giang huong nguyen' });
    if (t.kind !== 'words') throw new Error(t.kind);
    expect(t.words.map((w) => [w.word, w.edits])).toEqual([['huong', 1], ['giang', 1], ['nguyen', 1]]);
    expect(t.words[0].transpositions).toEqual(expect.arrayContaining(['uhong', 'huogn']));
    expect(searchTerms('0912')).toMatchObject({ kind: 'words', folded: '0912' });
    expect(searchTerms(' -- ')).toEqual({ kind: 'nothing' });
    const many = searchTerms('a b c d e f g h');
    expect(many.kind === 'words' && many.words.length).toBe(6);
  });

  it('forgives nothing in short words, one edit in most, two in long ones', () => {
    expect(['le', 'thi', 'lan'].map(editsAllowed)).toEqual([0, 0, 0]);
    expect(['hung', 'nguyen', 'phuong'].map(editsAllowed)).toEqual([1, 1, 1]);
    expect(editsAllowed('nguyenthi')).toBe(2);
    expect(editsAllowed('20141')).toBe(0);
  });
});

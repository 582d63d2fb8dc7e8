import { urgentKindsOf } from './vocabulary';

describe('urgentKindsOf (what opens an urgent report at intake)', () => {
  it('a death, a serious injury, a drowning, and abuse that led to either', () => {
    expect(urgentKindsOf({ types: [], injuryTypes: ['drowning'], outcome: 'death' })).toEqual(['death', 'drowning']);
    expect(urgentKindsOf({ types: [], injuryTypes: ['drowning'], outcome: 'none' })).toEqual(['drowning']);
    expect(urgentKindsOf({ types: [], injuryTypes: ['traffic_accident'], outcome: 'serious_injury' })).toEqual(['serious_injury']);
    expect(urgentKindsOf({ types: ['physical_violence'], outcome: 'death' })).toEqual(['death', 'serious_abuse']);
  });

  it('nothing else: an abuse report without such an outcome, or a minor injury', () => {
    expect(urgentKindsOf({ types: ['sexual_abuse'] })).toEqual([]);
    expect(urgentKindsOf({ types: [], injuryTypes: ['fall', 'burn'], outcome: 'none' })).toEqual([]);
    expect(urgentKindsOf({ types: ['neglect'], injuryTypes: null, outcome: null })).toEqual([]);
  });
});

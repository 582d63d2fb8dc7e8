import { derivedPrefix, planImport, readUnitsCsv } from './units-import';

const known = () => ({
  provinces: new Map([['thanh-hoa', 'Tỉnh Thanh Hóa'], ['ha-noi', 'Thành phố Hà Nội']]),
  communes: new Map([
    ['van-son', { name: 'Xã Vân Sơn', provinceCode: 'thanh-hoa', casePrefix: 'VS' }],
    ['nam-phu', { name: 'Xã Nam Phù', provinceCode: 'ha-noi', casePrefix: 'NP' }],
  ]),
});

describe('administrative units CSV', () => {
  it('reads lines with their numbers, after a required header', () => {
    const rows = readUnitsCsv('\uFEFFprovince_code,province_name,commune_code,commune_name\n\n38,"Tỉnh Thanh Hóa",16033,"Xã Vân, Sơn"\n');
    expect(rows).toEqual([{ line: 3, fields: ['38', 'Tỉnh Thanh Hóa', '16033', 'Xã Vân, Sơn'] }]);
    const fileError = (text: string) => {
      try {
        readUnitsCsv(text);
        return null;
      } catch (e) {
        return ((e as { details?: { fields?: Record<string, string[]> } }).details?.fields?.file ?? [])[0];
      }
    };
    expect(fileError('code,name\n1,2\n')).toMatch(/first line must be/);
    expect(fileError('province_code,province_name,commune_code,commune_name\n"unclosed,x,y,z\n')).toMatch(/cannot be read/);
  });

  it('creates, updates, leaves unchanged and refuses with reasons', () => {
    const plan = planImport([
      { line: 2, fields: ['thanh-hoa', 'Tỉnh Thanh Hóa', 'van-son', 'Xã Vân Sơn'] },
      { line: 3, fields: ['thanh-hoa', 'Tỉnh Thanh Hóa', 'ngoc-lien', 'Xã Ngọc Liên', 'NL'] },
      { line: 4, fields: ['thanh-hoa', 'Tỉnh Thanh Hóa', 'ngoc-lien', 'Xã Ngọc Liên'] },
      { line: 5, fields: ['thanh-hoa', 'Tỉnh Thanh Hóa', 'nam-phu', 'Xã Nam Phù'] },
      { line: 6, fields: ['thanh-hoa', 'Tỉnh Thanh Hóa', 'van-son-2', 'Phường Vân Sơn'] },
      { line: 7, fields: ['thanh-hoa', 'Tỉnh Thanh Hóa', 'x1', 'Xã Mới', 'vs'] },
      { line: 8, fields: ['bad code!', 'x', 'y', 'z'] },
      { line: 9, fields: ['thanh-hoa', 'Tỉnh Thanh Hóa', 'only-three'] },
    ], known());
    expect(plan.map((o) => [o.line, o.status])).toEqual([
      [2, 'unchanged'], [3, 'created'], [4, 'refused'], [5, 'refused'], [6, 'created'], [7, 'refused'], [8, 'refused'], [9, 'refused'],
    ]);
    expect(plan[2].reason).toMatch(/duplicate of line 3/);
    expect(plan[3].reason).toMatch(/not moved between provinces/);
    expect(plan[4].status === 'created' && plan[4].commune.casePrefix).toBe('VSVANSON2');
    expect(plan[5].reason).toMatch(/used by another commune/);
  });

  it('derives a prefix from the name’s initials', () => {
    expect(derivedPrefix('Xã Ngọc Liên', '16034', () => false)).toBe('NL');
    expect(derivedPrefix('Phường Đông Sơn', '16035', (x) => x === 'DS')).toBe('DS16035');
  });
});

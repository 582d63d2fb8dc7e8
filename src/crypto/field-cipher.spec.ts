import { randomBytes } from 'node:crypto';
import { FieldCipher, isSealed } from './field-cipher';
import type { FieldKeyRow, FieldKeysRepository } from './field-keys.repository';
import { ConfigKeyring, KeyringError } from './keyring';

/** The cipher over one data key kept in memory (the SQL of `field_keys` is the e2e tests'). */
function cipher(): FieldCipher {
  const rows = new Map<string, FieldKeyRow>();
  const store = {
    byId: async (id: string) => rows.get(id),
    current: async (create: (id: string) => Promise<{ keyId: string; wrapped: Buffer }>, newId: string) => {
      if (!rows.size) {
        const { keyId, wrapped } = await create(newId);
        rows.set(newId, { id: newId, master_key_id: keyId, wrapped });
      }
      return [...rows.values()][0];
    },
  };
  return new FieldCipher(new ConfigKeyring([{ id: 'k', key: randomBytes(32) }]), store as unknown as FieldKeysRepository);
}

describe('FieldCipher.sealPaths', () => {
  const context = {
    note: 'Sống với bà ngoại', groups: ['orphan'], assessment: { needs: 'Thẻ BHYT', assessedOn: '2026-01-05' }, plan: null,
    services: [{ seq: 1, detail: 'Trợ cấp', endReason: null }, { seq: 2, detail: 'Học phí', endReason: 'Chuyển trường' }],
    lines: ['một', 'hai'],
  };
  const paths = ['note', 'assessment.needs', 'plan.goals', 'services.detail', 'services.endReason', 'lines', 'missing.member'];

  it('seals the strings at the paths (a list item by item), leaves the rest, and openDeep opens them back', async () => {
    const c = cipher();
    const sealed = await c.sealPaths(context, paths, 'p');
    expect(sealed).toMatchObject({ groups: ['orphan'], assessment: { assessedOn: '2026-01-05' }, plan: null, services: [{ seq: 1, endReason: null }, { seq: 2 }] });
    for (const v of [sealed.note, sealed.assessment.needs, ...sealed.services.map((s) => s.detail), sealed.services[1].endReason, ...sealed.lines]) {
      expect(isSealed(v)).toBe(true);
    }
    expect(sealed).not.toHaveProperty('missing');
    expect(await c.openDeep(sealed, 'p')).toEqual(context);
    // Sealing again leaves sealed values as they are.
    expect(await c.sealPaths(sealed, paths, 'p')).toEqual(sealed);
  });

  it('binds each value to its path: a value moved to another member does not open', async () => {
    const c = cipher();
    const sealed = await c.sealPaths(context, paths, 'p');
    await expect(c.openDeep({ ...sealed, note: sealed.assessment.needs }, 'p')).rejects.toThrow(KeyringError);
    await expect(c.open(sealed.note, 'q.note')).rejects.toThrow(KeyringError);
  });
});

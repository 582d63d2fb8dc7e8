import type { EventContract } from '../../workflows/contract';
import { events } from '../../workflows/abuse-intervention/v1/events';
import { InvalidInput } from '../common/errors';
import { reservedChoice, validateEventData } from './event-data';

async function fieldsOf(type: string, contract: EventContract, raw: unknown): Promise<Record<string, string[]>> {
  try {
    await validateEventData(type, contract, raw);
    return {};
  } catch (e) {
    if (!(e instanceof InvalidInput)) throw e;
    return (e.details as { fields: Record<string, string[]> }).fields;
  }
}

describe('event data validated from the contract', () => {
  it('accepts valid data and drops nothing it declared', async () => {
    const data = { goals: 'An toàn', actions: [{ kind: 'medical_care', agencyType: 'health_station', dueInDays: 7 }] };
    await expect(validateEventData('SUBMIT_PLAN', events.SUBMIT_PLAN, data)).resolves.toEqual(data);
  });

  it('answers field errors in Vietnamese and English, nested records included', async () => {
    const fields = await fieldsOf('SUBMIT_PLAN', events.SUBMIT_PLAN, { goals: '', actions: [{ kind: 'x', agencyType: 'school', dueInDays: 0 }] });
    expect(fields['data.goals']).toEqual(['Bắt buộc nhập / Required']);
    expect(fields['data.actions.0.kind']).toEqual(['Hãy chọn một giá trị trong danh sách / Choose a value from the list']);
    expect(fields['data.actions.0.dueInDays']).toEqual(['Không được nhỏ hơn 1 / Must not be less than 1']);
  });

  it('refuses unknown fields, missing fields and a body that is not an object', async () => {
    expect(Object.keys(await fieldsOf('REJECT_PLAN', events.REJECT_PLAN, { reason: 'x', extra: 1 }))).toEqual(['data.extra']);
    expect(await fieldsOf('RECORD_REVIEW', events.RECORD_REVIEW, { summary: 's' })).toEqual({ 'data.childSafe': ['Hãy chọn Có hoặc Không / Choose Yes or No'] });
    expect(await fieldsOf('REJECT_PLAN', events.REJECT_PLAN, ['x'])).toEqual({ data: ['Phải là một đối tượng JSON / Must be a JSON object'] });
  });

  it('answers 400, never a crash, for hostile shapes (a nested object with its own constructor key)', async () => {
    const hostile = JSON.parse('{"reason":{"constructor":{"prototype":{"x":1}}}}');
    expect(Object.keys(await fieldsOf('REJECT_PLAN', events.REJECT_PLAN, hostile))).toEqual(['data.reason.constructor']);
    const nested = JSON.parse('{"goals":"g","actions":[{"constructor":{"prototype":{}}}]}');
    expect(Object.keys(await fieldsOf('SUBMIT_PLAN', events.SUBMIT_PLAN, nested)).length).toBeGreaterThan(0);
  });

  it('keeps a choice value reserved to some roles from the others', () => {
    expect(reservedChoice(events.ADD_NOTE, { text: 'x', kind: 'supervision' }, 'social_worker')?.key).toBe('kind');
    expect(reservedChoice(events.ADD_NOTE, { text: 'x', kind: 'supervision' }, 'supervisor')).toBeNull();
    expect(reservedChoice(events.ADD_NOTE, { text: 'x' }, 'social_worker')).toBeNull();
  });
});

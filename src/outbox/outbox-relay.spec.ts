import { outboxMessages } from './outbox-messages';
import { consecutiveRuns } from './outbox-relay';

const row = (id: string) => ({ id, case_id: 'c', handoff_id: null, key: 'k' });
const stored = (id: string, m: ReturnType<typeof outboxMessages.timer>) => ({ id, topic: m.topic, payload: m.payload });
const at = new Date('2026-03-01T00:00:00Z');

describe('outbox relay: runs of one topic', () => {
  it('groups consecutive messages of a topic without reordering across topics', () => {
    const runs = consecutiveRuns([
      stored('1', outboxMessages.timer(row('a'), 0, at)),
      stored('2', outboxMessages.timer(row('b'), 0, at)),
      stored('3', outboxMessages.cleared({ id: 'a', escalation_level: 0 })),
      stored('4', outboxMessages.timer(row('a'), 1, at)),
    ]);
    expect(runs.map((r) => [r.topic, r.payloads.length])).toEqual([['deadline.timer', 2], ['deadline.cleared', 1], ['deadline.timer', 1]]);
    expect(runs[2].payloads).toEqual([{ deadlineId: 'a', level: 1, at: at.toISOString(), caseId: 'c', handoffId: null, key: 'k' }]);
  });
});

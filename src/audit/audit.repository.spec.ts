import { auditInsertFromSql } from './audit.repository';

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

describe('auditInsertFromSql', () => {
  it('writes one entry per source row, each column from its own expression, in the table’s column order', () => {
    // The expressions of the engine's case-event statement: its audit entry rides in the same statement.
    const sql = auditInsertFromSql('updated', {
      actorId: '$10', actorRole: '$11', action: `'case.' || $8`, caseId: 'id', entity: `'case'`, entityId: 'id::text',
      details: `jsonb_build_object('seq', version, 'from', $12::text, 'to', state)`,
    });
    expect(oneLine(sql)).toBe(oneLine(`
      INSERT INTO audit_log (actor_id, actor_role, action, case_id, entity, entity_id, details)
      SELECT $10, $11, 'case.' || $8, id, 'case', id::text, jsonb_build_object('seq', version, 'from', $12::text, 'to', state) FROM updated`));
  });
});

import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Effect } from '../../workflows/types';
import { AuditService } from '../audit/audit.service';
import { decisionView, type DecisionView } from '../cases/case-views';
import { CasesRepository } from '../cases/cases.repository';
import { sealHandoffQuote } from '../cases/handoff-fields';
import { CaseNotFound, Forbidden, InvalidInput } from '../common/errors';
import { FieldCipher } from '../crypto/field-cipher';
import { Db } from '../database/db';
import { localDate } from '../deadlines/business-calendar';
import { WorkflowEngine, type EffectScope, caseOf } from '../engine/workflow-engine';
import { AccessRepository } from '../identity/access.repository';
import { caseProjection } from '../identity/policy';
import type { Principal } from '../identity/roles';
import { DECIDED_SECTION, effectiveDateOf, signerTitleOf } from './decision-rules';
import { DecisionsRepository } from './decisions.repository';

type DecideParams = Extract<Effect, { type: 'decide' }>['params'];

/**
 * The commune's numbered decisions. Carries out the engine's `decide` effect inside the deciding
 * transition's own transaction: number taken from the commune-year's counter under its row lock,
 * dated, signed by the deciding user, with a snapshot of what was decided; and answers a case's
 * decisions to whoever may read the case (not partner agencies).
 */
@Injectable()
export class DecisionsService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly repo: DecisionsRepository,
    private readonly cases: CasesRepository,
    private readonly access: AccessRepository,
    private readonly engine: WorkflowEngine,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  onModuleInit(): void {
    this.engine.registerEffect('decide', (p, s) => this.issue(p, s));
  }

  /**
   * Issues the decision of a case's transition. The commune deciding is the one leading the case
   * (the child's residence commune once a two-commune case was handed over); the year is that of
   * the decision's date in Vietnam. A refused field rolls the whole transition back, number included.
   */
  private async issue(p: DecideParams, s: EffectScope): Promise<void> {
    // A decision is a transition of an existing case; the case store writes its event as version + 1.
    if (s.version === undefined) throw new Error('a decision is issued by a transition, never when an instance starts');
    const decidedOn = localDate(s.now);
    const title = signerTitleOf(s.actor.role, s.event.signerTitle);
    if (!title) throw new Forbidden(`Vai trò ${s.actor.role} không ký quyết định / Role ${s.actor.role} signs no decision`);
    const effective = effectiveDateOf(s.event.effectiveOn, decidedOn);
    if ('errors' in effective) throw new InvalidInput(effective.errors);

    const caseId = caseOf(s.target);
    const handoff = s.target.handoff ?? null;
    const child = await this.cases.documentChild(s.tx, caseId);
    let quotedPart: Record<string, unknown>;
    let decided: Record<string, unknown>;
    if (handoff) {
      // A handoff-subject instance (a temporary separation): what it decides is in the machine's
      // `details` (its proposal and the dates decided), its free text sealed as the context's it copies;
      // it quotes the instance and the deciding event.
      // Who proposed it (the instance's opener) is quoted as a case decision quotes its proposal's author.
      quotedPart = {
        event: s.event.type, handoffId: handoff.id, kind: handoff.kind, seq: s.version + 1, at: s.now.toISOString(),
        by: await this.repo.instanceOpener(s.tx, handoff.id),
      };
      decided = await sealHandoffQuote(this.cipher, s.def.name, { ...(p.details ?? {}) });
    } else {
      const quoted = await this.cases.latestEvent(s.tx, caseId, p.quotes);
      // The machine names what its decision quotes; a case that never had it is a workflow bug.
      if (!quoted) throw new Error(`case ${caseId} has no ${p.quotes.join('/')} event for its ${p.kind} decision`);
      quotedPart = { event: quoted.type, seq: quoted.seq, at: quoted.occurred_at, by: { id: quoted.actor_id, name: quoted.actor_name } };
      decided = { ...quoted.data, ...(p.details ?? {}) };
    }
    const body = {
      child: { fullName: child.full_name, sex: child.sex, dateOfBirth: child.date_of_birth },
      quoted: quotedPart,
      [DECIDED_SECTION[p.kind]]: decided,
    };

    const communeCode = s.target.communeCode;
    const year = Number(decidedOn.slice(0, 4));
    const number = await this.repo.nextNumber(s.tx, communeCode, year);
    const row = await this.repo.insert(s.tx, {
      communeCode, year, number, kind: p.kind, caseId, handoffId: handoff?.id ?? null, eventSeq: s.version + 1, signerId: s.actor.id, signerTitle: title,
      decidedAt: s.now, effectiveOn: effective.value, body,
    });
    if (!row) throw new Error(`decision signer ${s.actor.id} is not a user`);
    await this.audit.record(s.tx, {
      actor: { id: s.actor.id, role: s.actor.role }, action: 'decision.issue', caseId, entity: 'decision', entityId: row.id,
      details: { kind: p.kind, communeCode, year, number, eventSeq: row.event_seq, handoffId: handoff?.id ?? null, signerTitle: title },
    });
  }

  /**
   * A case's decisions, to whoever may read the case (404 outside their scope) except partner
   * agencies, whose need-to-know view of a case holds none (403). Audited as a read of the case.
   */
  async list(p: Principal, caseId: string): Promise<DecisionView[]> {
    return this.db.transaction(async (tx) => {
      if (!(await this.access.caseInScope(tx, p, caseId))) throw new CaseNotFound();
      const projection = caseProjection(p.role);
      if (projection === 'need_to_know') {
        throw new Forbidden('Cơ quan phối hợp không xem quyết định của hồ sơ / Partner agencies do not see the case’s decisions');
      }
      const rows = await this.repo.listForCase(tx, caseId);
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'decision.list', caseId, entity: 'case', entityId: caseId,
        details: { view: projection, count: rows.length },
      });
      return (await Promise.all(rows.map((d) => this.cases.openDecision(d)))).map(decisionView);
    });
  }
}

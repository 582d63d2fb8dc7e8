/**
 * The engine: advances a workflow instance by its machine's PURE transition, inside the caller's
 * single transaction, and hands the actions the machine names to the effect handlers. It knows no
 * workflow, state, event or deadline by name: a workflow definition (workflows/) declares them,
 * and the modules that own the instances' tables register how to lock, write and follow them up
 * (`registerSubject`), the effects they carry out (`registerEffect`) and the facts they look up
 * (`registerFact`). It knows nothing of HTTP; callers decide who may do what (`authorize`,
 * `permitted`) and the engine decides what the workflow allows.
 */
import { Injectable } from '@nestjs/common';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { getWorkflow, type WorkflowDefinition } from '../../workflows';
import type { Actor, Audience, Effect, EffectType, EventFacts, FactName } from '../../workflows/types';
import { Clock } from '../common/clock';
import { EventNotAllowed, VersionConflict } from '../common/errors';
import type { Tx } from '../database/db';
import { DeadlineRow, DeadlinesService } from '../deadlines/deadlines.service';
import { NotificationsService } from '../notifications/notifications.service';
import { persist, restore, stateText, type StoredSnapshot } from './snapshots';

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system' };

export interface EngineEvent {
  type: string;
  data?: Record<string, unknown>;
}

/** The columns every workflow instance row has, whatever table holds it. */
export interface InstanceRow {
  id: string;
  workflow: string;
  workflow_version: number;
  state: string;
  snapshot: StoredSnapshot;
  version: number;
}

/**
 * What a transition's effects act on: the case an instance belongs to (and its handoff, if it is
 * one) — or, for an instance about a child and no case (a support on the special-circumstances
 * register), no case and the instance itself (`support`), which then owns its deadlines.
 */
export interface EffectTarget {
  caseId: string | null;
  /** The code notifications name (a case's code, or the support's). */
  caseCode: string;
  communeCode: string;
  receivedAt: Date;
  assigneeId: string | null;
  handoff?: { id: string; agencyId: string; kind: string; urgency?: string };
  support?: { id: string };
}

/**
 * The case of an effect's target, for the effects that act on a case (handoffs, moves, decisions,
 * facts): a machine naming one on an instance with no case is a programming error, never input.
 */
export function caseOf(target: EffectTarget): string {
  if (target.caseId === null) throw new Error('this effect acts on a case; the instance has none');
  return target.caseId;
}

/** One transition, as the subject's store writes it. */
export interface Change {
  def: WorkflowDefinition;
  event: EngineEvent;
  actor: Actor;
  now: Date;
  next: StoredSnapshot;
  state: string;
  terminal: boolean;
}

/** SQL predicate over the instance's table limiting which rows the caller may touch (404 outside). */
export type ScopeSql = (bind: (value: unknown) => string) => string;

export interface WriteOptions {
  /** More columns for the write statement to return (the caller's view), fixed SQL without parameters. */
  select?: string;
  /** Nothing follows in the caller's transaction: commit with the write (one round trip less). */
  commit?: boolean;
}

/** How the module owning a kind of instance locks, writes and follows up its rows. */
export interface SubjectStore<R extends InstanceRow = InstanceRow> {
  /** Locks the row (and whatever must be locked first, in a fixed order); throws NotFound outside `scope`. */
  lock(tx: Tx, id: string, scope?: ScopeSql): Promise<R>;
  target(row: R, context: Record<string, unknown>): EffectTarget;
  /** Writes the transition: the row, its event and its audit entry. */
  write(tx: Tx, row: R, change: Change, opts: WriteOptions): Promise<R>;
  /** Runs after the write in the same transaction unless the caller asked for no follow-up. */
  followUp?(tx: Tx, before: R, after: R, change: Change): Promise<void>;
}

/** What an effect handler is given. */
export interface EffectScope {
  tx: Tx;
  now: Date;
  actor: Actor;
  def: WorkflowDefinition;
  target: EffectTarget;
  event: { type: string; [k: string]: unknown };
  lockedDeadline?: DeadlineRow;
  /** The instance's version before this transition (absent when it starts): the store writes the next. */
  version?: number;
}

export type EffectHandler<T extends EffectType = EffectType> = (params: Extract<Effect, { type: T }>['params'], s: EffectScope) => Promise<void>;

export type FactLookup = (tx: Tx, target: EffectTarget) => Promise<number>;

export interface ApplyOptions extends WriteOptions {
  expectedVersion?: number;
  scope?: ScopeSql;
  /** Runs on the locked row before anything else; throws to refuse (NotFound for scope, Forbidden for role). */
  authorize?: (row: InstanceRow) => void | Promise<void>;
  /** Runs on the locked row: false means the event no longer applies (a stale timer) and nothing changes. */
  precondition?: (row: InstanceRow) => Promise<boolean>;
  /** A deadline row the caller locked and read in this transaction (a firing's precondition), reused by `escalate`. */
  lockedDeadline?: () => DeadlineRow | undefined;
  /** false: skip the store's follow-up (e.g. handoffs cancelled because their case is closing). */
  followUp?: boolean;
}

export interface Applied<R extends InstanceRow = InstanceRow> {
  applied: boolean;
  /** The row after the event (with the `select` columns), or as locked when not applied. */
  row: R;
}

@Injectable()
export class WorkflowEngine {
  private readonly stores = new Map<WorkflowDefinition['subject'], SubjectStore>();
  private readonly effects = new Map<string, EffectHandler>();
  private readonly factLookups = new Map<FactName, FactLookup>();

  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {
    this.registerDeadlineEffects();
    this.registerEffect('notify', (p, s) => this.notify(s, p.audience, p.template, {}));
  }

  registerSubject<R extends InstanceRow>(subject: WorkflowDefinition['subject'], store: SubjectStore<R>): void {
    this.stores.set(subject, store as unknown as SubjectStore);
  }

  registerEffect<T extends EffectType>(type: T, handler: EffectHandler<T>): void {
    this.effects.set(type, handler as unknown as EffectHandler);
  }

  registerFact(name: FactName, lookup: FactLookup): void {
    this.factLookups.set(name, lookup);
  }

  /**
   * Starts an instance of `def`: computes the machine's initial snapshot, lets the owning module
   * insert the row (`insert`, given the stored snapshot and state text) and runs the entry effects.
   */
  async start<R extends InstanceRow>(
    tx: Tx, def: WorkflowDefinition, input: Record<string, unknown>, actor: Actor, now: Date,
    insert: (snapshot: StoredSnapshot, state: string) => Promise<R>,
  ): Promise<R> {
    const [snapshot, actions] = initialTransition(def.machine, input);
    const stored = persist(def.machine, snapshot);
    const row = await insert(stored, stateText(snapshot.value));
    const target = this.store(def).target(row, stored.context);
    await this.runEffects(actions as unknown as Effect[], { tx, now, actor, def, target, event: { type: 'xstate.init' } });
    return row;
  }

  async apply<R extends InstanceRow>(
    tx: Tx, subject: WorkflowDefinition['subject'], id: string, event: EngineEvent, actor: Actor, opts: ApplyOptions = {},
  ): Promise<Applied<R>> {
    const store = this.stores.get(subject) as SubjectStore<R> | undefined;
    if (!store) throw new Error(`no store registered for ${subject}`);
    const row = await store.lock(tx, id, opts.scope);
    await opts.authorize?.(row);
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== row.version) {
      throw new VersionConflict(opts.expectedVersion, row.version);
    }
    if (opts.precondition && !(await opts.precondition(row))) return { applied: false, row };

    const def = getWorkflow(row.workflow, row.workflow_version);
    const snapshot = restore(def.machine, row.snapshot);
    const before = store.target(row, row.snapshot.context);
    const facts = await this.facts(tx, def, event.type, before);
    const xEvent = { ...(event.data ?? {}), type: event.type, actor, facts };
    if (def.systemEvents.includes(event.type) !== (actor.role === 'system') || !snapshot.can(xEvent)) {
      throw new EventNotAllowed(event.type, row.state, this.allowedFor(def, snapshot, actor, facts));
    }
    const [next, actions] = transition(def.machine, snapshot, xEvent);
    const stored = persist(def.machine, next);
    const now = this.clock.now();
    await this.runEffects(actions as unknown as Effect[], {
      tx, now, actor, def, target: store.target(row, stored.context), event: xEvent, lockedDeadline: opts.lockedDeadline?.(), version: row.version,
    });
    const state = stateText(next.value);
    const change: Change = { def, event, actor, now, next: stored, state, terminal: def.terminalStates.includes(state) };
    const updated = await store.write(tx, row, change, { select: opts.select, commit: opts.commit });
    if (opts.followUp !== false) await store.followUp?.(tx, row, updated, change);
    return { applied: true, row: updated };
  }

  /** The client events this actor's role may send (the workflow's event contract) and the instance accepts now. */
  allowedEvents(row: Pick<InstanceRow, 'workflow' | 'workflow_version' | 'snapshot'>, actor: Actor, facts: EventFacts = {}): string[] {
    const def = getWorkflow(row.workflow, row.workflow_version);
    return this.allowedFor(def, restore(def.machine, row.snapshot), actor, facts);
  }

  /** Whether an instance in this state handles `type` at all (for listing the actions a caller can take). */
  accepts(row: Pick<InstanceRow, 'workflow' | 'workflow_version' | 'snapshot'>, type: string): boolean {
    const def = getWorkflow(row.workflow, row.workflow_version);
    return restore(def.machine, row.snapshot)._nodes.some((node) => node.ownEvents.includes(type));
  }

  // ---------------------------------------------------------------- internals

  private store(def: WorkflowDefinition): SubjectStore {
    const store = this.stores.get(def.subject);
    if (!store) throw new Error(`no store registered for ${def.subject}`);
    return store;
  }

  private allowedFor(def: WorkflowDefinition, snapshot: AnyMachineSnapshot, actor: Actor, facts: EventFacts): string[] {
    // Only events some active state node handles can be taken: ask the machine about those alone.
    const types = new Set<string>();
    for (const node of snapshot._nodes) for (const t of node.ownEvents) types.add(t);
    return [...types].filter((t) =>
      def.events[t]?.roles.includes(actor.role) === true && snapshot.can({ ...def.probe, type: t, actor, facts } as never),
    );
  }

  private async facts(tx: Tx, def: WorkflowDefinition, type: string, target: EffectTarget): Promise<EventFacts> {
    const facts: EventFacts = {};
    for (const name of def.facts[type] ?? []) {
      const lookup = this.factLookups.get(name);
      if (!lookup) throw new Error(`no lookup registered for fact ${name}`);
      facts[name] = await lookup(tx, target);
    }
    return facts;
  }

  /** Runs the named effects in the order the machine named them. */
  private async runEffects(effects: Effect[], s: EffectScope): Promise<void> {
    for (const e of effects) {
      const handler = this.effects.get(e.type);
      // A machine named an action nobody carries out: a programming error, never client input.
      if (!handler) throw new Error(`unknown effect ${e.type}`);
      await handler(e.params as never, s);
    }
  }

  /** Deadlines are the engine's own effect kinds: every workflow has a deadline table. */
  private registerDeadlineEffects(): void {
    const deadlines = this.deadlines;
    const owner = (s: EffectScope) => ({ caseId: s.target.caseId, handoffId: s.target.handoff?.id ?? null, supportId: s.target.support?.id ?? null });
    const spec = (s: EffectScope, key: string) => {
      const found = s.def.deadlines[key];
      if (!found) throw new Error(`deadline "${key}" is not in ${s.def.name} v${s.def.version}'s deadline table`);
      return found;
    };
    this.registerEffect('schedule', async (p, s) => {
      const rule = spec(s, p.deadline);
      const anchor = rule.anchor === 'receipt' ? s.target.receivedAt : s.now;
      const due = p.dueAt ? new Date(p.dueAt) : await deadlines.computeDue(rule, anchor);
      await deadlines.schedule(s.tx, owner(s), rule, anchor, due, s.now);
    });
    this.registerEffect('settle', async (p, s) => { await deadlines.settle(s.tx, owner(s), p.deadline, s.now); });
    this.registerEffect('cancel', async (p, s) => { await deadlines.cancel(s.tx, owner(s), p.deadline, s.now); });
    this.registerEffect('escalate', async (_p, s) => {
      const deadlineId = String(s.event.deadlineId ?? '');
      // The firing handler already holds this row's lock (its precondition read it): reuse that read.
      const row = s.lockedDeadline?.id === deadlineId ? s.lockedDeadline : await deadlines.lock(s.tx, deadlineId);
      if (!row) return;
      const rung = await deadlines.escalate(s.tx, row, spec(s, row.key), s.now);
      if (rung) {
        await this.notify(s, rung.step.audience, rung.level === 1 ? 'deadline_breached' : 'deadline_escalated', {
          deadlineId: row.id, deadline: row.key, deadlineVi: row.title_vi, deadlineEn: row.title_en, level: rung.level,
        });
      }
    });
  }

  private async notify(s: EffectScope, audience: Audience[], template: string, extra: Record<string, unknown>): Promise<void> {
    const t = s.target;
    await this.notifications.notify(s.tx, {
      caseId: t.caseId, communeCode: t.communeCode, assigneeId: t.assigneeId, agencyId: t.handoff?.agencyId,
    }, audience, template, {
      code: t.caseCode, ...(t.handoff ? { handoffId: t.handoff.id, kind: t.handoff.kind, ...(t.handoff.urgency ? { urgency: t.handoff.urgency } : {}) } : {}), ...(t.support ? { supportId: t.support.id } : {}), ...extra,
    }, s.now);
  }
}

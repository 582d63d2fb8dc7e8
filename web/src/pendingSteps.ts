/**
 * A handoff as the person's steps kept on the device (outbox.ts) will leave it, told from the
 * handoff workflow's own transitions — the machine's table as GET /workflows/:name/:version
 * publishes it (workflows/graph.ts `transitionTable`), never a copy — and the steps the person may
 * take from there, to be kept behind the others: offline, an officer who accepted can start, then
 * complete.
 *
 * A guard reads what only the server knows (the context, facts): a guarded step is offered only if
 * the server offered it at its last answer on the handoff (the handoff workflows' guards read what a
 * step does not change, as the kind of work for a criminal-procedure status). Decisions are never
 * offered: they do not wait on the device.
 */

/** One transition of the machine: from a state (`*`: the root's, in every state) on an event to a state. */
export interface Transition {
  from: string;
  event: string;
  to: string;
  guard: string | null;
}

/** What the rules are read from: a workflow definition's transitions and its client events' contracts. */
export interface StepRules {
  transitions: readonly Transition[];
  events: Readonly<Record<string, { roles: readonly string[]; decision?: boolean }>>;
}

/** A step kept on the device, in the order recorded: its event and whether it still waits to be sent. */
export interface KeptStep {
  type: string;
  status: 'waiting' | 'conflict' | 'failed';
}

export interface PendingView {
  /** A kept step waits for the person in the outbox (a conflict, a refusal): the steps after it are held. */
  held: boolean;
  /**
   * The state once the kept steps are sent; null when it cannot be told here: a step is held, or is
   * not one the machine takes from where the others leave it (the server's answer shown is older
   * than a step sent meanwhile).
   */
  state: string | null;
  /** The steps the person may take from there (none when the state cannot be told). */
  steps: string[];
}

/** The transitions the machine tries on `event` in `state`: the state's own, else those defined on the root. */
function candidates(rules: StepRules, state: string, event: string): Transition[] {
  const own = rules.transitions.filter((t) => t.from === state && t.event === event);
  return own.length > 0 ? own : rules.transitions.filter((t) => t.from === '*' && t.event === event);
}

/**
 * Where `event` leaves a handoff in `state`, when that is certain without its guards: the first
 * branch when it has no guard (always taken), or the one state all its branches lead to. Null if the
 * machine does not take `event` there, or if its guarded branches lead to different states.
 */
export function stateAfterStep(rules: StepRules, state: string, event: string): string | null {
  const [first, ...rest] = candidates(rules, state, event);
  if (!first || (first.guard !== null && rest.some((t) => t.to !== first.to))) return null;
  // `*`: a transition of every state without a target stays where it is.
  return first.to === '*' ? state : first.to;
}

/** The steps a person of `role` may take in `state`, in the machine's order; a guarded one only if the server vouched for it. */
export function stepsFrom(rules: StepRules, state: string, role: string, vouched: readonly string[]): string[] {
  const events = new Set(rules.transitions.filter((t) => t.from === state || t.from === '*').map((t) => t.event));
  return [...events].filter((event) => {
    const contract = rules.events[event];
    if (!contract || contract.decision === true || !contract.roles.includes(role)) return false;
    return candidates(rules, state, event).some((t) => t.guard === null) || vouched.includes(event);
  });
}

/**
 * The handoff as its kept steps leave it: null when none are kept (the server's answer stands).
 * `handoff` is the server's last answer: its state and the steps it offered then.
 */
export function pendingView(rules: StepRules, handoff: { state: string; allowedActions: readonly string[] }, kept: readonly KeptStep[], role: string): PendingView | null {
  if (kept.length === 0) return null;
  let state: string | null = handoff.state;
  for (const step of kept) state = state !== null && step.status === 'waiting' ? stateAfterStep(rules, state, step.type) : null;
  return { held: kept.some((step) => step.status !== 'waiting'), state, steps: state === null ? [] : stepsFrom(rules, state, role, handoff.allowedActions) };
}

/**
 * The shape of a children search hit (issue 15), written by hand from the shared plan while the
 * search endpoint is being merged; replaced by an alias of the generated type (types.ts) once the
 * OpenAPI document has it.
 */
import type { ChildSummary } from './types';

/** A search hit: `score` is the relevance to `q` (null without it), `matched` where `q` was found. */
export type ChildSearchItem = ChildSummary & { score: number | null; matched: string[] };

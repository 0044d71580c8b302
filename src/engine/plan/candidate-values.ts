/**
 * The unique-name candidates of the configuration (expressions giving a local part), evaluated for
 * one person as far as the choice needs them.
 */
import {
  bindExpression,
  type EvalContext,
  type EvalResult,
  type Expression,
  parseExpression,
} from '../../expr/index.ts';
import { overBudget } from '../pattern-budget.ts';
import { cleanLocalPart } from './unique-names.ts';

type Bound = (context: EvalContext) => EvalResult;

export interface Candidate {
  readonly ast: Expression;
  /** How an error names it: "unique-name candidate 2 (…)". */
  readonly label: string;
  /** The expression bound once per run (no state and result objects per evaluation). */
  readonly whole: Bound;
  /** A `Join`'s parts (not its separator), bound likewise; empty for any other expression. */
  readonly parts: readonly Bound[];
}

/** The configured candidates, parsed and bound once per run. */
export function parseCandidates(texts: readonly string[]): Candidate[] {
  return texts.map((text, i) => {
    const parsed = parseExpression(text);
    if (!parsed.ok) throw new Error(`candidate "${text}" does not parse: ${parsed.error.message}`);
    const ast = parsed.ast;
    const parts: Bound[] = [];
    if (ast.kind === 'call' && ast.name === 'Join')
      for (let p = 1; p < ast.args.length; p++) {
        const part = ast.args[p];
        if (part !== undefined && part.kind !== 'missing') parts.push(bindExpression(part));
      }
    return { ast, label: `unique-name candidate ${i + 1} (${text})`, whole: bindExpression(ast), parts };
  });
}

/** The candidates' local parts, each evaluated when the sequence reaches it (an iterator, not a generator: cheaper). */
export class CandidateValues implements IterableIterator<string> {
  private next_ = 0;

  constructor(
    private readonly candidates: readonly Candidate[],
    private readonly context: EvalContext,
  ) {}

  next(): IteratorResult<string> {
    const candidate = this.candidates[this.next_];
    if (candidate === undefined) return { value: undefined, done: true };
    this.next_++;
    return { value: localPartOf(candidate, this.context), done: false };
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this;
  }
}

/**
 * A candidate's local part. A candidate that joins parts (`Join(".", [Voorletters], …)`) is skipped
 * (empty) when any of its parts is empty, rather than collapsing into another candidate: without
 * initials, "initials.jansen" must not become "jansen".
 */
function localPartOf(candidate: Candidate, full: EvalContext): string {
  const { parts, label } = candidate;
  try {
    for (let i = 0; i < parts.length; i++) {
      const r = (parts[i] as Bound)(full);
      if (!r.ok || r.value === null || cleanLocalPart(String(r.value)) === '') return '';
    }
    const r = candidate.whole(full);
    return r.ok && r.value !== null ? String(r.value) : '';
  } catch (error) {
    throw overBudget(label, error);
  }
}

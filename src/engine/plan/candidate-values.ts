/**
 * The unique-name candidates of the configuration (expressions giving a local part), evaluated for
 * one person as far as the choice needs them.
 */
import { type EvalContext, type Expression, evaluate, parseExpression } from '../../expr/index.ts';
import { overBudget } from '../pattern-budget.ts';
import { cleanLocalPart } from './unique-names.ts';

export interface Candidate {
  readonly ast: Expression;
  /** How an error names it: "unique-name candidate 2 (…)". */
  readonly label: string;
}

/** The configured candidates, parsed once per run. */
export function parseCandidates(texts: readonly string[]): Candidate[] {
  return texts.map((text, i) => {
    const parsed = parseExpression(text);
    if (!parsed.ok) throw new Error(`candidate "${text}" does not parse: ${parsed.error.message}`);
    return { ast: parsed.ast, label: `unique-name candidate ${i + 1} (${text})` };
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
  const { ast, label } = candidate;
  try {
    if (ast.kind === 'call' && ast.name === 'Join') {
      for (let i = 1; i < ast.args.length; i++) {
        const part = ast.args[i];
        if (part === undefined || part.kind === 'missing') continue;
        const r = evaluate(part, full);
        if (!r.ok || r.value === null || cleanLocalPart(String(r.value)) === '') return '';
      }
    }
    const r = evaluate(ast, full);
    return r.ok && r.value !== null ? String(r.value) : '';
  } catch (error) {
    throw overBudget(label, error);
  }
}

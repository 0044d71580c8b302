/**
 * The unique-name candidates of the configuration (expressions giving a local part), evaluated for
 * one person as far as the choice needs them.
 */
import {
  type ArgumentNode,
  bindExpression,
  type EvalContext,
  type EvalResult,
  type Expression,
  givesSameAnswer,
  joinValue,
  parseExpression,
} from '../../expr/index.ts';
import { overBudget } from '../pattern-budget.ts';
import { cleanLocalPart } from './unique-names.ts';

type Bound = (context: EvalContext) => EvalResult;

export interface Candidate {
  readonly ast: Expression;
  /** How an error names it: "unique-name candidate 2 (…)". */
  readonly label: string;
  /** Where the configuration holds it: `/uniqueness/candidates/<i>`. */
  readonly path: string;
  /** The expression bound once per run (no state and result objects per evaluation). */
  readonly whole: Bound;
  /** A `Join`'s parts (not its separator), bound likewise; empty for any other expression. */
  readonly parts: readonly Bound[];
  /**
   * The Join's separator when the whole can be put together from its parts' values (a text literal
   * separator and parts that give the same value each time they are evaluated), else undefined: the
   * whole is then evaluated again.
   */
  readonly separator: string | undefined;
}

/** The configured candidates, parsed and bound once per run. */
export function parseCandidates(texts: readonly string[]): Candidate[] {
  return texts.map((text, i) => {
    const parsed = parseExpression(text);
    if (!parsed.ok) throw new Error(`candidate "${text}" does not parse: ${parsed.error.message}`);
    const ast = parsed.ast;
    const parts: Bound[] = [];
    let separator: string | undefined;
    if (ast.kind === 'call' && ast.name === 'Join') {
      for (let p = 1; p < ast.args.length; p++) {
        const part = ast.args[p];
        if (part !== undefined && part.kind !== 'missing') parts.push(bindExpression(part));
      }
      const first = ast.args[0];
      if (first?.kind === 'string' && ast.args.every(isPure)) separator = first.value;
    }
    const label = `unique-name candidate ${i + 1} (${text})`;
    return { ast, label, path: `/uniqueness/candidates/${i}`, whole: bindExpression(ast), parts, separator };
  });
}

/** Whether evaluating the node twice for one person gives the same value: literals, attributes and pure calls. */
function isPure(node: ArgumentNode | undefined): boolean {
  if (node === undefined) return true;
  switch (node.kind) {
    case 'missing':
    case 'attribute':
    case 'string':
    case 'number':
    case 'boolean':
    case 'constant':
      return true;
    case 'comparison':
      return isPure(node.left) && isPure(node.right);
    case 'call':
      return givesSameAnswer(node.name) && node.args.every(isPure);
    default:
      return false;
  }
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
 * Whether cleanLocalPart(text) is empty, without cleaning a text that has a character cleaning keeps
 * (a–z, A–Z, 0–9, _): transliteration leaves ASCII as it is, and only dots and hyphens are trimmed from
 * the ends. Nearly every part is a name, answered at its first character.
 */
function cleansToNothing(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) return false;
  }
  return cleanLocalPart(text) === '';
}

/**
 * A candidate's local part. A candidate that joins parts (`Join(".", [Voorletters], …)`) is skipped
 * (empty) when any of its parts is empty, rather than collapsing into another candidate: without
 * initials, "initials.jansen" must not become "jansen".
 */
function localPartOf(candidate: Candidate, full: EvalContext): string {
  const { parts, label, separator } = candidate;
  try {
    let joined = '';
    for (let i = 0; i < parts.length; i++) {
      const r = (parts[i] as Bound)(full);
      if (!r.ok || r.value === null || cleansToNothing(String(r.value))) return '';
      if (separator !== undefined) joined = joinValue(joined, separator, r.value);
    }
    // Every part is in, and Join would evaluate them again to the same values: put it together here.
    if (separator !== undefined) return joined;
    const r = candidate.whole(full);
    return r.ok && r.value !== null ? String(r.value) : '';
  } catch (error) {
    throw overBudget(label, candidate.path, error);
  }
}

import type { Attributes, Person } from '../../core/index.ts';
import type { EvalContext } from '../../expr/index.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * One person's evaluation context, pointed at each person in turn (no object per person). The random
 * stream is seeded by the instant and the employee number, and only if an expression asks for it
 * (RandomString, Guid).
 */
export class PersonContext implements EvalContext {
  attributes: Attributes = {};
  private seed = '';
  private rng: (() => number) | undefined;
  readonly now: () => string;

  constructor(private readonly nowIso: string) {
    this.now = () => nowIso;
  }

  /**
   * This context with other attributes (the same clock and random stream), for the person being
   * planned: one object, refilled on each call.
   */
  with(attributes: Attributes): EvalContext {
    if (this.view === undefined) this.view = { attributes, now: this.now, random: this.random };
    else this.view.attributes = attributes;
    return this.view;
  }

  private view: { attributes: Attributes; now: () => string; random: () => number } | undefined;

  reset(person: Person): this {
    this.attributes = person.attributes;
    this.seed = person.employeeNumber;
    this.rng = undefined;
    return this;
  }

  readonly random = (): number => {
    this.rng ??= seededRandom(`${this.nowIso}/${this.seed}`);
    return this.rng();
  };
}

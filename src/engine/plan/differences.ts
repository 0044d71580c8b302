/**
 * The attributes in which a person's mapped values differ from what their account holds: the
 * changes of an update. Every person with an account is compared, so the comparison is made once per
 * run for the run's compared attributes.
 */
import { type AttributeChange, type AttrValue, sameValue } from '../../core/index.ts';

/** What differs between the mapped values and the account's, per compared attribute (see differences). */
export type Differences = (
  values: Readonly<Record<string, AttrValue>>,
  held: Readonly<Record<string, AttrValue>>,
  notFlowed: ReadonlySet<string>,
) => AttributeChange[] | undefined;

/**
 * The changes of an account whose attributes differ from the mapped values, in the rules' order;
 * undefined when nothing differs (as for most persons). Made once per run for its compared attributes:
 * a read of a name fixed in the code stays monomorphic on the values' and the accounts' hidden
 * classes, where one loop over the names (`values[attribute]`) is a megamorphic dictionary lookup
 * twice per attribute and person. The names are embedded as JSON string literals, so no mapping can
 * inject code (as map/mapping.ts reads direct rules).
 */
export function differencesOf(attributes: readonly string[]): Differences {
  const id = JSON.stringify(attributes);
  let differences = made.get(id);
  if (differences === undefined) {
    differences = makeDifferences(attributes);
    if (made.size >= 256) made.clear();
    made.set(id, differences);
  }
  return differences;
}

/** Kept across runs by their attributes (≤ 256): the next run's comparisons start optimised. */
const made = new Map<string, Differences>();

function makeDifferences(attributes: readonly string[]): Differences {
  const loop: Differences = (values, held, notFlowed) => {
    let found: AttributeChange[] | undefined;
    for (let i = 0; i < attributes.length; i++) {
      const attribute = attributes[i] as string;
      if (notFlowed.size > 0 && notFlowed.has(attribute)) continue;
      const next = values[attribute] ?? null;
      const old = held[attribute] ?? null;
      if (sameValue(old, next)) continue;
      // Most updates change one value: a list of one, not one with room for sixteen more.
      if (found === undefined) found = [{ attribute, old, new: next }];
      else found.push({ attribute, old, new: next });
    }
    return found;
  };
  try {
    const body = attributes
      .map((attribute) => {
        const name = JSON.stringify(attribute);
        return `if (notFlowed.size === 0 || !notFlowed.has(${name})) {
  const next = values[${name}] ?? null;
  const old = held[${name}] ?? null;
  if (!same(old, next)) {
    if (found === undefined) found = [{ attribute: ${name}, old, new: next }];
    else found.push({ attribute: ${name}, old, new: next });
  }
}`;
      })
      .join('\n');
    const make = new Function(
      'same',
      `return (values, held, notFlowed) => {\nlet found;\n${body}\nreturn found;\n};`,
    );
    return make(sameValue) as Differences;
  } catch {
    return loop;
  }
}

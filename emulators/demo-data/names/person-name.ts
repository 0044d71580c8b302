import { type Random, Weighted } from '../random.ts';
import { initialsOf, type NameUseCode, type PersonName } from './compose.ts';
import {
  FEMALE_MIDDLE_NAMES,
  FEMALE_NAMES,
  type GivenNameRow,
  MALE_MIDDLE_NAMES,
  MALE_NAMES,
} from './given-names.ts';
import { LONG_SURNAMES, SURNAMES, type SurnameRow } from './surnames.ts';

export type Gender = 'm' | 'f';

const rows = <T extends readonly unknown[]>(list: readonly T[]) =>
  new Weighted(list.map((row) => [row, row[row.length - 1] as number] as const));

const MALE = rows<GivenNameRow>(MALE_NAMES);
const FEMALE = rows<GivenNameRow>(FEMALE_NAMES);
const SURNAME = rows<SurnameRow>(SURNAMES);
const LONG_SURNAME = rows<SurnameRow>(LONG_SURNAMES);
/** How many official first names people carry; five is rare but real. */
const NAME_COUNT = new Weighted<number>([
  [1, 55],
  [2, 30],
  [3, 11],
  [4, 3.5],
  [5, 0.5],
]);
/** Women more often use their partner's name; all four codes occur for both. */
const NAME_USE: Record<Gender, Weighted<NameUseCode>> = {
  f: new Weighted<NameUseCode>([
    [0, 25],
    [1, 25],
    [2, 30],
    [3, 20],
  ]),
  m: new Weighted<NameUseCode>([
    [0, 80],
    [1, 6],
    [2, 6],
    [3, 8],
  ]),
};

function firstNames(random: Random, gender: Gender, first: string, count: number): string {
  const names = [first];
  const middles = gender === 'm' ? MALE_MIDDLE_NAMES : FEMALE_MIDDLE_NAMES;
  for (let guard = 0; names.length < count && guard < 20; guard++) {
    const middle = random.pick(middles);
    if (!names.includes(middle)) names.push(middle);
  }
  return names.join(' ');
}

function surname(random: Random): SurnameRow {
  return random.chance(0.005) ? LONG_SURNAME.pick(random) : SURNAME.pick(random);
}

export interface NameOptions {
  /** Share of persons with a partner name (and a name-use code chosen for it). */
  readonly partners: number;
  /** Five first names and two long surnames: the name every length limit has to survive. */
  readonly veryLong?: boolean;
}

export function generatePersonName(random: Random, options: NameOptions): PersonName {
  const gender: Gender = random.chance(0.5) ? 'f' : 'm';
  const [official, calling] = (gender === 'm' ? MALE : FEMALE).pick(random);
  const long = options.veryLong === true;
  const all = firstNames(random, gender, official, long ? 5 : NAME_COUNT.pick(random));
  const [prefix, birthName] = long ? LONG_SURNAME.pick(random) : surname(random);
  let partnerPrefix: string | null = null;
  let partnerName: string | null = null;
  let nameUse: NameUseCode = 0;
  if (long || random.chance(options.partners)) {
    let partner = long ? LONG_SURNAME.pick(random) : surname(random);
    for (let guard = 0; partner[1] === birthName && guard < 5; guard++)
      partner = long ? LONG_SURNAME.pick(random) : surname(random);
    partnerPrefix = partner[0] === '' ? null : partner[0];
    partnerName = partner[1];
    nameUse = long ? (random.chance(0.5) ? 1 : 3) : NAME_USE[gender].pick(random);
  }
  return {
    firstNames: all,
    callingName: calling === '' ? official : calling,
    initials: initialsOf(all),
    prefix: prefix === '' ? null : prefix,
    birthName,
    partnerPrefix,
    partnerName,
    nameUse,
  };
}

/** Same given names and birth name as `other`, own partner: a namesake, as common names produce. */
export function namesakeOf(other: PersonName, own: PersonName): PersonName {
  return {
    ...own,
    firstNames: other.firstNames,
    callingName: other.callingName,
    initials: other.initials,
    prefix: other.prefix,
    birthName: other.birthName,
  };
}

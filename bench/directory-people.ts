/** The directory benchmark's people: shared by the benchmark (seeding) and its AFAS child process. */
import type { PersonSpec } from '../test/engine/company.ts';

const GIVEN = ['Anna', 'Bram', 'Cor', 'Daan', 'Eva', 'Fleur', 'Gijs', 'Hanna', 'Iris', 'Joost'];

export const benchPeople = (count: number, first: number, family: string): PersonSpec[] =>
  Array.from({ length: count }, (_, i) => ({
    n: String(first + i),
    given: GIVEN[i % GIVEN.length] as string,
    family: `${family}${i}`,
    jobs: [{ start: '2020-01-01', title: 'Adviseur' }],
  }));

import { argScalar, argText } from '../args.ts';
import type { EvalState } from '../context.ts';
import type { RuntimeCall } from '../definition.ts';
import { surnameOf } from '../names/dutch-surname.ts';
import { nameConvention } from '../names/name-convention.ts';

/**
 * surnameOf(convention, prefix, birthName, partnerPrefix, partnerName) from the arguments starting at
 * `first`, without an object of the parts (DutchSurname and DutchDisplayName run for every person).
 */
export function surnameFromArgs(call: RuntimeCall, first: number, state: EvalState): string {
  return surnameOf(
    nameConvention(argScalar(call, first, state)),
    argText(call, first + 1, state),
    argText(call, first + 2, state),
    argText(call, first + 3, state),
    argText(call, first + 4, state),
  );
}

export const SURNAME_PARAMS = [
  { name: 'convention' },
  { name: 'prefix' },
  { name: 'birthName' },
  { name: 'partnerPrefix' },
  { name: 'partnerName' },
] as const;

import { argScalar, argText } from '../args.ts';
import type { EvalState } from '../context.ts';
import type { RuntimeCall } from '../definition.ts';
import type { DutchNameParts } from '../names/dutch-surname.ts';
import { type NameConvention, nameConvention } from '../names/name-convention.ts';

/** convention, prefix, birthName, partnerPrefix, partnerName, starting at argument `first`. */
export function dutchNameArgs(
  call: RuntimeCall,
  first: number,
  state: EvalState,
): { convention: NameConvention; parts: DutchNameParts } {
  return {
    convention: nameConvention(argScalar(call, first, state)),
    parts: {
      prefix: argText(call, first + 1, state),
      birthName: argText(call, first + 2, state),
      partnerPrefix: argText(call, first + 3, state),
      partnerName: argText(call, first + 4, state),
    },
  };
}

export const SURNAME_PARAMS = [
  { name: 'convention' },
  { name: 'prefix' },
  { name: 'birthName' },
  { name: 'partnerPrefix' },
  { name: 'partnerName' },
] as const;

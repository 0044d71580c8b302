import { argScalar } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { nameConvention } from '../names/name-convention.ts';

export const NameConvention: FunctionDefinition = {
  name: 'NameConvention',
  category: 'names',
  signature: { params: [{ name: 'code' }] },
  description:
    'hrsync addition. The Dutch name convention for an AFAS Naamgebruik_code: 0 → "B" (own birth name), ' +
    '1 → "PB" (partner\'s name, then own), 2 → "P" (partner\'s name), 3 → "BP" (own, then partner\'s). ' +
    'The letters themselves pass through; anything else, including empty, gives "B".',
  example: {
    expression: 'NameConvention([Naamgebruik_code])',
    attributes: { Naamgebruik_code: '1' },
    output: 'PB',
  },
  evaluate: (call, state) => nameConvention(argScalar(call, 0, state)),
};

import { argText, argValue } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { type Scalar, scalarText } from '../values.ts';

export const Join: FunctionDefinition = {
  name: 'Join',
  category: 'text',
  signature: { params: [{ name: 'separator' }], rest: { params: [{ name: 'source' }], min: 1 } },
  description:
    'The sources joined with separator between them. Null and empty sources are left out (so no doubled ' +
    'separators); every value of a multi-valued source is joined. Gives empty text when nothing is left.',
  example: {
    expression: 'Join(".", [Roepnaam], [Voorvoegsel], [Geboortenaam])',
    attributes: { Roepnaam: 'Jan', Voorvoegsel: null, Geboortenaam: 'Jansen' },
    output: 'Jan.Jansen',
  },
  evaluate(call, state) {
    const separator = argText(call, 0, state) ?? '';
    // Built as it goes, without a list of the parts: this runs for every create's candidates.
    let joined = '';
    let first = true;
    for (let i = 1; i < call.args.length; i++) {
      const value = argValue(call, i, state);
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) {
        for (const v of value) {
          if (v === '') continue;
          joined = first ? v : joined + separator + v;
          first = false;
        }
        continue;
      }
      const text = scalarText(value as Scalar);
      if (text === '') continue;
      joined = first ? text : joined + separator + text;
      first = false;
    }
    return joined;
  },
};

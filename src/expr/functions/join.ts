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
    const parts: string[] = [];
    for (let i = 1; i < call.args.length; i++) {
      const value = argValue(call, i, state);
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) {
        for (const v of value) if (v !== '') parts.push(v);
        continue;
      }
      const text = scalarText(value as Scalar);
      if (text !== '') parts.push(text);
    }
    return parts.join(separator);
  },
};

import type { AttrValue } from '../../core/index.ts';
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
    for (let i = 1; i < call.args.length; i++)
      joined = joinValue(joined, separator, argValue(call, i, state));
    return joined;
  },
};

/**
 * `joined` with one more source of a Join appended, as Join does it: null, missing and empty sources
 * (and empty values of a list) are left out, so `joined` is empty exactly until the first text is in.
 * Exported for the unique-name candidates, which assemble a Join from parts they evaluated already.
 */
export function joinValue(joined: string, separator: string, value: AttrValue | undefined): string {
  if (value === undefined || value === null) return joined;
  if (Array.isArray(value)) {
    for (const v of value as readonly string[]) {
      if (v === '') continue;
      joined = joined === '' ? v : joined + separator + v;
    }
    return joined;
  }
  const text = scalarText(value as Scalar);
  if (text === '') return joined;
  return joined === '' ? text : joined + separator + text;
}

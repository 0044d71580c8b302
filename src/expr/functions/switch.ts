import { argText, argValue } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

export const Switch: FunctionDefinition = {
  name: 'Switch',
  category: 'logic',
  signature: {
    params: [{ name: 'source' }, { name: 'defaultValue', optional: true }],
    rest: { params: [{ name: 'key' }, { name: 'value' }], min: 1 },
  },
  description:
    'The value paired with the first key equal to source (case-sensitive text comparison; a null source ' +
    'matches the key ""), otherwise defaultValue (null when left empty). Keys and values come in pairs. ' +
    'Only the keys up to the match and the chosen value are evaluated.',
  example: {
    expression: 'Switch([Soort_medewerker_code], "Employee", "I", "Contractor", "S", "Intern")',
    attributes: { Soort_medewerker_code: 'S' },
    output: 'Intern',
  },
  evaluate(call, state) {
    const source = argText(call, 0, state) ?? '';
    for (let i = 2; i + 1 < call.args.length; i += 2) {
      if ((argText(call, i, state) ?? '') === source) return argValue(call, i + 1, state) ?? null;
    }
    return argValue(call, 1, state) ?? null;
  },
};

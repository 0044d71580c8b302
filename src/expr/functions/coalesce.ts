import { argValue } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { isNull } from '../values.ts';

export const Coalesce: FunctionDefinition = {
  name: 'Coalesce',
  category: 'logic',
  signature: { params: [], rest: { params: [{ name: 'source' }], min: 1 } },
  description:
    'The first argument that is not null; the last argument acts as the default. Only null (an absent ' +
    'attribute) is skipped — empty text is a value. Later arguments are not evaluated.',
  example: {
    expression: 'Coalesce([Email_werk], [Email_prive], "")',
    attributes: { Email_werk: null, Email_prive: 'jan@example.nl' },
    output: 'jan@example.nl',
  },
  evaluate(call, state) {
    for (let i = 0; i < call.args.length; i++) {
      const value = argValue(call, i, state);
      if (!isNull(value)) return value!;
    }
    return null;
  },
};

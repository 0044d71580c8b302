import { argText } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

export const Split: FunctionDefinition = {
  name: 'Split',
  category: 'multi-valued',
  signature: { params: [{ name: 'source' }, { name: 'delimiter' }] },
  description:
    'source cut at every delimiter into a multi-valued result. Each value is trimmed and empty values are ' +
    'dropped (Entra\'s example turns "One, Two" into ["One", "Two"]). Null stays null.',
  example: {
    expression: 'Split([Telefoonnr_werk], ",")',
    attributes: { Telefoonnr_werk: '020 555 1234, 06 1234 5678' },
    output: ['020 555 1234', '06 1234 5678'],
  },
  evaluate(call, state) {
    const text = argText(call, 0, state);
    const delimiter = argText(call, 1, state) ?? '';
    if (text === null) return null;
    // One list, trimmed and compacted in place and frozen: the evaluator and coerce then keep it as
    // it is, where map, filter and their defensive copies made five lists per person.
    // Most texts hold one value: split() costs ~10× a search for the delimiter, for the same list.
    const pieces = delimiter === '' || !text.includes(delimiter) ? [text] : text.split(delimiter);
    let kept = 0;
    for (let i = 0; i < pieces.length; i++) {
      const piece = (pieces[i] as string).trim();
      if (piece !== '') pieces[kept++] = piece;
    }
    pieces.length = kept;
    return Object.freeze(pieces);
  },
};

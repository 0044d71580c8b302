import { argInteger, argText } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

export const Word: FunctionDefinition = {
  name: 'Word',
  category: 'text',
  signature: { params: [{ name: 'String' }, { name: 'WordNumber' }, { name: 'Delimiters' }] },
  description:
    'Word number WordNumber (from 1) of String, where any character of Delimiters separates words and runs ' +
    'of delimiters count as one. Gives empty text when WordNumber is below 1, String is null, or there are ' +
    'fewer words.',
  example: {
    expression: 'Word([Functie_omschrijving], 2, " ")',
    attributes: { Functie_omschrijving: 'Senior adviseur HR' },
    output: 'adviseur',
  },
  evaluate(call, state) {
    const text = argText(call, 0, state);
    const number = argInteger(call, 1, state);
    const delimiters = argText(call, 2, state) ?? '';
    if (text === null || number < 1) return '';
    let index = 0;
    let word = '';
    for (const c of `${text}${delimiters === '' ? '' : delimiters[0]}`) {
      if (!delimiters.includes(c)) {
        word += c;
      } else if (word !== '') {
        if (++index === number) return word;
        word = '';
      }
    }
    return delimiters === '' && number === 1 ? text : '';
  },
};

import { argText, isGiven } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { properCase } from '../text/title-case.ts';

export const PCase: FunctionDefinition = {
  name: 'PCase',
  category: 'text',
  signature: { params: [{ name: 'source' }, { name: 'wordSeparators', optional: true }] },
  description:
    'source in proper case: each word starts with a capital, everything else is lower case. Without ' +
    'wordSeparators, words are split at spaces, punctuation and symbols (as .NET ToTitleCase does; an ' +
    'apostrophe inside a word does not split it); with wordSeparators, only those characters split. ' +
    'Null stays null.',
  example: {
    expression: 'PCase([Geboortenaam], " -\'")',
    attributes: { Geboortenaam: "D'HONDT-JANSSEN" },
    output: "D'Hondt-Janssen",
  },
  evaluate(call, state) {
    const text = argText(call, 0, state);
    const separators = isGiven(call, 1) ? (argText(call, 1, state) ?? '') : undefined;
    return text === null ? null : properCase(text, separators);
  },
};

import { argText, callFailure } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { ExpressionFailure } from '../failure.ts';

export const SelectUniqueValue: FunctionDefinition = {
  name: 'SelectUniqueValue',
  category: 'generation',
  signature: { params: [], rest: { params: [{ name: 'rule' }], min: 2 } },
  description:
    'The first candidate that is still free, for userPrincipalName, mail or sAMAccountName. Each rule is an ' +
    'expression; they are evaluated in order, null or empty ones are skipped, and each value is checked ' +
    "with the context's uniqueness check (the target and this run's own reservations). When every " +
    'candidate is taken the result is an HRS_UNIQUE_EXHAUSTED error. Must be the whole expression. ' +
    'Unlike Entra, which offers it only for Active Directory targets, it works for every target.',
  example: {
    expression:
      'SelectUniqueValue(Join("@", ToLower(Join(".", [Roepnaam], [Geboortenaam])), "contoso.nl"), Join("@", ToLower(Join(".", Left([Roepnaam], 1), [Geboortenaam])), "contoso.nl"))',
    attributes: { Roepnaam: 'Jan', Geboortenaam: 'Jansen' },
    output: 'jan.jansen@contoso.nl',
  },
  topLevelOnly: true,
  evaluate(call, state) {
    const isUnique = state.context.isUnique;
    if (isUnique === undefined)
      return callFailure(call, 'needs a uniqueness check (isUnique) in the evaluation context');
    const tried: string[] = [];
    for (let i = 0; i < call.args.length; i++) {
      const candidate = argText(call, i, state);
      if (candidate === null || candidate === '' || tried.includes(candidate)) continue;
      tried.push(candidate);
      if (isUnique(candidate)) return candidate;
    }
    throw new ExpressionFailure(
      'HRS_UNIQUE_EXHAUSTED',
      tried.length === 0
        ? 'SelectUniqueValue: every rule gave an empty value'
        : `SelectUniqueValue: every candidate is taken (${tried.join(', ')}); add a rule`,
      call.node.start,
    );
  },
};

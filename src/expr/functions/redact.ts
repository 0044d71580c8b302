import { argValue } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

export const Redact: FunctionDefinition = {
  name: 'Redact',
  category: 'logic',
  signature: { params: [{ name: 'value' }] },
  description:
    'Passes its value through unchanged but marks the result as secret (redacted: true), so run items, ' +
    'logs and audit events show [Redact] instead of the value.',
  example: { expression: 'Redact([BSN])', attributes: { BSN: '123456782' }, output: '123456782' },
  evaluate(call, state) {
    state.redacted = true;
    return argValue(call, 0, state) ?? null;
  },
};

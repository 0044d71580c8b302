import type { FunctionDefinition } from '../definition.ts';
import { randomBelow } from './random-source.ts';

export const Guid: FunctionDefinition = {
  name: 'Guid',
  category: 'generation',
  signature: { params: [] },
  description:
    'A new random GUID (version 4), lower case with hyphens, e.g. "3f2b8c1e-9d4a-4b7e-8c21-5e6f7a8b9c0d". ' +
    'The randomness comes from the evaluation context, so tests and simulations can fix it.',
  example: { expression: 'Guid()', output: 'a00087fb-f747-4cb8-adfe-747d23673f27' },
  evaluate(call, state) {
    const bytes: number[] = [];
    for (let i = 0; i < 16; i++) bytes.push(randomBelow(state, 256, call.node.start));
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
};

import type { FunctionDefinition } from '../definition.ts';
import { SURNAME_PARAMS, surnameFromArgs } from './dutch-name-args.ts';

export const DutchSurname: FunctionDefinition = {
  name: 'DutchSurname',
  category: 'names',
  signature: { params: SURNAME_PARAMS },
  description:
    'hrsync addition. The surname by Dutch name convention (letters B/BP/P/PB or the AFAS code 0–3): ' +
    'B "prefix birthName", BP "prefix birthName - partnerPrefix partnerName", P "partnerPrefix partnerName", ' +
    'PB "partnerPrefix partnerName - prefix birthName". Empty parts are skipped, spaces collapse, prefixes ' +
    'keep their case, and without a partner name every convention falls back to B.',
  example: {
    expression:
      'DutchSurname([Naamgebruik_code], [Voorvoegsel], [Geboortenaam], [Voorvoegsel_partner], [Geboortenaam_partner])',
    attributes: {
      Naamgebruik_code: '3',
      Voorvoegsel: 'van den',
      Geboortenaam: 'Boele',
      Voorvoegsel_partner: 'de',
      Geboortenaam_partner: 'Vries',
    },
    output: 'van den Boele - de Vries',
  },
  evaluate(call, state) {
    return surnameFromArgs(call, 0, state);
  },
};

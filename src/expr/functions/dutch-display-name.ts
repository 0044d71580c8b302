import { argText } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { DISPLAY_NAME_MAX_LENGTH, displayNameOf } from '../names/dutch-surname.ts';
import { SURNAME_PARAMS, surnameFromArgs } from './dutch-name-args.ts';

export const DutchDisplayName: FunctionDefinition = {
  name: 'DutchDisplayName',
  category: 'names',
  signature: { params: [{ name: 'givenName' }, ...SURNAME_PARAMS] },
  description:
    `hrsync addition. givenName, a space and DutchSurname(convention, prefix, birthName, partnerPrefix, ` +
    `partnerName): "Janine de Vries - van den Boele" for PB. Trimmed, spaces collapsed, at most ` +
    `${DISPLAY_NAME_MAX_LENGTH} characters (Entra's displayName limit).`,
  example: {
    expression:
      'DutchDisplayName([Roepnaam], [Naamgebruik_code], [Voorvoegsel], [Geboortenaam], [Voorvoegsel_partner], [Geboortenaam_partner])',
    attributes: {
      Roepnaam: 'Janine',
      Naamgebruik_code: '1',
      Voorvoegsel: 'van den',
      Geboortenaam: 'Boele',
      Voorvoegsel_partner: 'de',
      Geboortenaam_partner: 'Vries',
    },
    output: 'Janine de Vries - van den Boele',
  },
  evaluate(call, state) {
    const givenName = argText(call, 0, state);
    return displayNameOf(givenName, surnameFromArgs(call, 1, state));
  },
};

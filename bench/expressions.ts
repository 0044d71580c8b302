import type { Attributes } from '../src/core/index.ts';
import { evaluate, parseExpression } from '../src/expr/index.ts';

/** A realistic 20-expression mapping for Dutch HR data, as an administrator would configure it. */
const TYPICAL_MAPPING = [
  'DutchDisplayName([Roepnaam], [Naamgebruik_code], [Voorvoegsel], [Geboortenaam], [Voorvoegsel_partner], [Geboortenaam_partner])',
  'DutchSurname([Naamgebruik_code], [Voorvoegsel], [Geboortenaam], [Voorvoegsel_partner], [Geboortenaam_partner])',
  '[Roepnaam]',
  'ToLower(NormalizeDiacritics(Join(".", [Roepnaam], StripSpaces(Join("", [Voorvoegsel], [Geboortenaam])))))',
  'Join("@", ToLower(NormalizeDiacritics(Join(".", [Roepnaam], StripSpaces(Join("", [Voorvoegsel], [Geboortenaam]))))), "contoso.nl")',
  'Switch([Soort_medewerker_code], "Employee", "I", "Contractor", "E", "Contractor", "S", "Intern")',
  'IgnoreFlowIfNullOrEmpty([Functie_omschrijving])',
  'Coalesce([Organisatorische_eenheid_omschrijving], "Onbekend")',
  'PCase([Werkgever_omschrijving])',
  'IIF([Land] = "NL", "NL", Coalesce([Land], "NL"))',
  'Replace([Mobielnr_werk], , "[()\\\\s-]+", , "", , )',
  'Split([Telefoonnr_werk], ",")',
  'Switch([Lifecycle], "False", "active", "True", "leaver", "True")',
  'Left([Postcode], 4)',
  'ToUpper([Voorletters])',
  'FormatDateTime([Datum_in_dienst], , "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-dd")',
  'Append([Medewerker], "@afas")',
  'Mid([Kostenplaats], 1, 3)',
  'IIF(IsPresent([Email_werk]), [Email_werk], Join("@", [Medewerker], "contoso.nl"))',
  'Word([Functie_omschrijving], 1, " ")',
] as const;

function person(i: number): Attributes {
  return {
    Medewerker: String(10000 + i),
    Roepnaam: i % 7 === 0 ? 'Zoë' : 'Janine',
    Voorletters: 'j.h.',
    Voorvoegsel: i % 3 === 0 ? 'van den' : null,
    Geboortenaam: `Boele${i}`,
    Voorvoegsel_partner: 'de',
    Geboortenaam_partner: i % 2 === 0 ? 'Vries' : null,
    Naamgebruik_code: String(i % 4),
    Soort_medewerker_code: ['I', 'E', 'S', 'X'][i % 4]!,
    Functie_omschrijving: i % 5 === 0 ? '' : 'Senior adviseur',
    Organisatorische_eenheid_omschrijving: i % 11 === 0 ? null : 'Financiën',
    Werkgever_omschrijving: 'CONTOSO NEDERLAND B.V.',
    Land: 'NL',
    Mobielnr_werk: '+31 (6) 1234-5678',
    Telefoonnr_werk: '020 555 1234, 06 1234 5678',
    Lifecycle: 'active',
    Postcode: '1234 AB',
    Datum_in_dienst: '2020-03-01T00:00:00Z',
    Kostenplaats: 'K100-200',
    Email_werk: i % 9 === 0 ? null : `p${i}@contoso.nl`,
  };
}

/** Milliseconds to evaluate the mapping for 50,000 persons (1,000,000 evaluations). */
export function benchExpressions(): { ms: number; failures: number } {
  const asts = TYPICAL_MAPPING.map((text) => {
    const parsed = parseExpression(text);
    if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
    return parsed.ast;
  });
  const persons = Array.from({ length: 50_000 }, (_, i) => person(i));
  const base = { now: () => '2024-01-01T00:00:00Z', random: () => 0.5 };
  let failures = 0;
  const started = performance.now();
  for (const attributes of persons) {
    const context = { ...base, attributes };
    for (const ast of asts) if (!evaluate(ast, context).ok) failures++;
  }
  return { ms: performance.now() - started, failures };
}

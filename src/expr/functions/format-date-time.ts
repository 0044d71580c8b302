import { argFailure, argText } from '../args.ts';
import type { CallNode } from '../ast.ts';
import {
  type DateTimeStyles,
  DEFAULT_STYLES,
  parseDateTimeStyles,
  stylesFromBits,
} from '../dates/date-time-styles.ts';
import { formatDate } from '../dates/format-date.ts';
import { tokenizeFormat } from '../dates/format-tokens.ts';
import { parseExact } from '../dates/parse-exact.ts';
import { localZone } from '../dates/zone.ts';
import type { FunctionDefinition } from '../definition.ts';

const DEFAULT = stylesFromBits(DEFAULT_STYLES) as DateTimeStyles;

function checkLiterals(node: CallNode) {
  const styles = node.args[1];
  if (styles?.kind === 'string' && styles.value.trim() !== '') {
    const parsed = parseDateTimeStyles(styles.value);
    if (typeof parsed === 'string')
      return { message: `FormatDateTime: dateTimeStyles ${parsed}`, position: styles.start };
  }
  for (const index of [2, 3]) {
    const format = node.args[index];
    if (format?.kind !== 'string') continue;
    const tokens = tokenizeFormat(format.value);
    if (typeof tokens === 'string') {
      return {
        message: `FormatDateTime: ${index === 2 ? 'inputFormat' : 'outputFormat'}: ${tokens}`,
        position: format.start,
      };
    }
  }
  return undefined;
}

export const FormatDateTime: FunctionDefinition = {
  name: 'FormatDateTime',
  category: 'date',
  signature: {
    params: [
      { name: 'source' },
      { name: 'dateTimeStyles', optional: true },
      { name: 'inputFormat' },
      { name: 'outputFormat' },
    ],
  },
  description:
    'Reads source with the .NET date format inputFormat and writes it with outputFormat (custom formats ' +
    'such as "yyyyMMddHHmmss.fZ", "yyyy-MM-ddzzz", "M/d/yyyy h:mm:ss tt", or one-letter standard formats ' +
    'such as "o" and "s"; invariant culture). dateTimeStyles takes .NET DateTimeStyles names ' +
    '(AssumeUniversal, AdjustToUniversal, AssumeLocal, …, combined with commas); left empty it is ' +
    'RoundtripKind with leading and trailing white space allowed. An input with an offset is converted ' +
    "to local time unless AdjustToUniversal is given; local is the evaluation's time zone (UTC unless " +
    'set). Null stays null.',
  example: {
    expression: 'FormatDateTime([Geboortedatum], , "yyyy-MM-ddTHH:mm:ss", "dd-MM-yyyy")',
    attributes: { Geboortedatum: '1985-04-23T00:00:00' },
    output: '23-04-1985',
  },
  check: checkLiterals,
  evaluate(call, state) {
    const source = argText(call, 0, state);
    const stylesText = argText(call, 1, state);
    const inputFormat = argText(call, 2, state) ?? '';
    const outputFormat = argText(call, 3, state) ?? '';
    if (source === null) return null;
    const styles =
      stylesText === null || stylesText.trim() === '' ? DEFAULT : parseDateTimeStyles(stylesText);
    if (typeof styles === 'string') return argFailure(call, 1, styles);
    const input = tokenizeFormat(inputFormat);
    if (typeof input === 'string') return argFailure(call, 2, input);
    const output = tokenizeFormat(outputFormat);
    if (typeof output === 'string') return argFailure(call, 3, output);
    const zone = localZone(state, call.node.start);
    const parsed = parseExact(source, input, styles, zone, { state, position: call.node.start });
    if (typeof parsed === 'string')
      return argFailure(call, 0, `does not match ${JSON.stringify(inputFormat)}: ${parsed}`);
    return formatDate(parsed, output, zone);
  },
};

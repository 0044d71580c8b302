/**
 * What each `pattern` of the API's schemas allows, in words, so a refusal says what a field takes
 * ("must be a domain name such as contoso.nl: …") instead of showing the regular expression. One table
 * keyed by the pattern itself: a pattern means the same wherever it is used, and the detail's path
 * says which field it is. The API's validation errors and the console's and CLI's readable messages
 * both read it; test/service/pattern-errors.test.ts fails for a schema pattern missing here.
 */
import { schemePattern } from '../core/endpoint-policy.ts';
import { NO_CONTROL_CHARACTERS } from './schemas/common.ts';

const DOMAIN =
  'must be a domain name such as contoso.nl: letters, digits, hyphens and dots, ending in a dot and two or more letters';

export const PATTERN_WORDS: Readonly<Record<string, string>> = {
  '\\S': 'must not be blank',
  '^\\S+$': 'must not be blank or hold spaces',
  [NO_CONTROL_CHARACTERS]: 'may not hold control characters (a line break, a tab, an escape code)',
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$':
    'must be a date and time written YYYY-MM-DDTHH:mm, e.g. 2027-03-01T06:00 (in the connection’s time zone)',
  '^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$': DOMAIN,
  '^[^,;]+$': 'may not hold a comma or a semicolon (AFAS filters cannot carry them)',
  '^\\s*[^,;\\s][^,;]*$':
    'must not be blank, and may not hold a comma or a semicolon (AFAS filters cannot carry them)',
  '^[A-Za-z0-9{}=,._:-]+$':
    'must be an account’s object id or GUID: letters, digits and { } = , . _ : - only, no spaces',
  '^[A-Za-z0-9{}=._:-]+(,[A-Za-z0-9{}=._:-]+){0,19}$':
    'must be 1 to 20 account ids separated by commas, each of letters, digits and { } = . _ : - only, no spaces',
  [schemePattern('https', 'http')]: 'must be a web address starting with https:// (or http://)',
  '^[^@\\s]+@[^@\\s]+$': 'must be an e-mail address such as anna@contoso.nl (one @, no spaces)',
  '^[A-Za-z0-9.-]+$|^\\[?[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*\\]?$':
    'must be a host name (letters, digits, hyphens and dots, e.g. smtp.contoso.nl), an IPv4 address, or an IPv6 address such as 2001:db8::25 (brackets allowed)',
  '^[A-Za-z0-9_-]+$': 'may hold only letters, digits, - and _ (copy it from the invitation link whole)',
  '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$':
    'must be a GUID: 32 hexadecimal digits in groups of 8-4-4-4-12, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47',
  '^[0-9A-Za-z -]+$':
    'may hold only digits, letters, spaces and hyphens: the 6-digit code from the authenticator app, or a recovery code',
  '^[0-9]{5,6}$': 'must be the AFAS environment number: 5 or 6 digits, e.g. 12345',
  '^[A-Za-z0-9_-]{43}$':
    'must be 43 base64url characters (letters, digits, - and _): an Ed25519 public key as `hrsync agent register` sends it',
};

/** What a field with this pattern takes, in words; a pattern not in the table still never shows. */
export const patternWords = (pattern: string): string =>
  (Object.hasOwn(PATTERN_WORDS, pattern) ? PATTERN_WORDS[pattern] : undefined) ??
  'is not in the form this field takes';

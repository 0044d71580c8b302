/**
 * The `Authorization: AfasToken …` header. AFAS issues an App Connector token as a small XML document;
 * the header carries that whole document base64-encoded (Profit 7 and later reject the raw XML).
 * Administrators paste either the XML or only the 64 hex characters of its `<data>`, so accept both.
 */
import { HrsyncError } from '../../core/index.ts';

const TOKEN_XML = /^<token>\s*<version>\s*\d+\s*<\/version>\s*<data>\s*[0-9A-Fa-f]+\s*<\/data>\s*<\/token>$/;
const TOKEN_DATA = /^[0-9A-Fa-f]{64}$/;

/** The token as AFAS issued it: `<token><version>1</version><data>…</data></token>`. */
export function afasTokenXml(token: string): string {
  const trimmed = token.trim();
  if (TOKEN_XML.test(trimmed)) return trimmed;
  if (TOKEN_DATA.test(trimmed)) return `<token><version>1</version><data>${trimmed}</data></token>`;
  // A setting to correct, found before AFAS is asked: not "AFAS refused the token".
  throw new HrsyncError(
    'HRS_CONFIG_INVALID',
    'The AFAS token is neither the App Connector token XML (<token><version>1</version><data>…</data></token>) ' +
      'nor its 64 hexadecimal data characters; paste the token exactly as AFAS issued it.',
  );
}

export function afasAuthorization(token: string): string {
  return `AfasToken ${Buffer.from(afasTokenXml(token), 'utf8').toString('base64')}`;
}

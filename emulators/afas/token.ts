import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A classic App Connector token, in the forms an administrator and a client need. */
export interface AfasToken {
  /** `<token><version>1</version><data>…</data></token>`, as Profit issues it */
  readonly xml: string;
  /** the 64 hex characters inside `<data>` */
  readonly data: string;
  /** the complete `Authorization` header value: `AfasToken <base64 of xml>` */
  readonly header: string;
}

const DATA = /^[0-9A-Fa-f]{64}$/;
const XML = /^<token><version>1<\/version><data>([0-9A-Fa-f]{64})<\/data><\/token>$/;

/** Accepts the whole XML token or just its 64-hex data part; without input, generates one. */
export function afasToken(input?: string): AfasToken {
  const text = input?.trim() ?? randomBytes(32).toString('hex').toUpperCase();
  const data = DATA.test(text) ? text : XML.exec(text)?.[1];
  if (data === undefined) {
    throw new Error(
      'An AFAS token is either <token><version>1</version><data>64 hex characters</data></token> or just the 64 hex characters',
    );
  }
  const xml = `<token><version>1</version><data>${data}</data></token>`;
  return { xml, data, header: `AfasToken ${Buffer.from(xml, 'utf8').toString('base64')}` };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Since Profit 7 only the base64 form is accepted: a raw XML token, a base64 of the data part alone
 * or any other value is refused just like a wrong token.
 */
export function isAuthorized(header: string | undefined, token: AfasToken): boolean {
  if (header === undefined) return false;
  const match = /^AfasToken ([^\s]+)$/i.exec(header);
  const encoded = match?.[1];
  if (encoded === undefined || !BASE64.test(encoded)) return false;
  const given = Buffer.from(encoded, 'base64');
  const expected = Buffer.from(token.xml, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

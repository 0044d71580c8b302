/**
 * Distinguished names, written by hand: RFC 4514 §2.4 escaping plus Microsoft's additions (`=`, CR,
 * LF). ldapts' DN class emits RFC 2253 quoted values (`CN="de Vries, Jan"`), which Windows may not
 * accept (active-directory.md §2.2), so it is not used.
 */
import { dnWithin } from '../../core/index.ts';

const SPECIAL = new Set([',', '+', '"', '\\', '<', '>', ';', '=']);

/** Escapes one attribute value for use in an RDN (`CN=<value>`). */
export function escapeRdnValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (SPECIAL.has(c)) out += `\\${c}`;
    else if (c === '\r') out += '\\0D';
    else if (c === '\n') out += '\\0A';
    else if (c === '\0') out += '\\00';
    else if ((c === '#' || c === ' ') && i === 0) out += `\\${c}`;
    else if (c === ' ' && i === value.length - 1) out += '\\ ';
    else out += c;
  }
  return out;
}

/** Reverses escapeRdnValue, and the server's hex escapes (`\3B`, `\C3\A9`). */
export function unescapeRdnValue(value: string): string {
  const bytes: number[] = [];
  const utf8 = Buffer.from(value, 'utf8');
  for (let i = 0; i < utf8.length; i++) {
    const b = utf8[i] as number;
    if (b !== 0x5c || i + 1 >= utf8.length) {
      bytes.push(b);
      continue;
    }
    const pair = utf8.subarray(i + 1, i + 3).toString('latin1');
    if (/^[0-9a-fA-F]{2}$/.test(pair)) {
      bytes.push(Number.parseInt(pair, 16));
      i += 2;
    } else {
      bytes.push(utf8[i + 1] as number);
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Index of the first comma that separates RDNs (not an escaped one). */
function firstSeparator(dn: string): number {
  for (let i = 0; i < dn.length; i++) {
    const c = dn[i];
    if (c === '\\') i++;
    else if (c === ',') return i;
  }
  return -1;
}

/** `CN=a\,b,OU=x,DC=y` → { rdn: 'CN=a\,b', parent: 'OU=x,DC=y' } */
export function splitDn(dn: string): { rdn: string; parent: string } {
  const at = firstSeparator(dn);
  return at < 0 ? { rdn: dn, parent: '' } : { rdn: dn.slice(0, at), parent: dn.slice(at + 1).trim() };
}

/** The unescaped value of the first RDN: the cn of a user. */
export function rdnValue(dn: string): string {
  const { rdn } = splitDn(dn);
  const eq = rdn.indexOf('=');
  return unescapeRdnValue(rdn.slice(eq + 1));
}

export function userDn(cn: string, parent: string): string {
  return `CN=${escapeRdnValue(cn)},${parent}`;
}

/** For comparing DNs: case-insensitive, spaces after separators ignored, escapes made uniform. */
export function normaliseDn(dn: string): string {
  const parts: string[] = [];
  let rest = dn.trim();
  while (rest !== '') {
    const { rdn, parent } = splitDn(rest);
    const eq = rdn.indexOf('=');
    const type = rdn.slice(0, eq).trim().toLowerCase();
    parts.push(`${type}=${escapeRdnValue(unescapeRdnValue(rdn.slice(eq + 1).trim())).toLowerCase()}`);
    rest = parent;
  }
  return parts.join(',');
}

/**
 * True when `dn` is `ancestor` or lies beneath it: RDN by RDN with the RFC 4514 parser of
 * core/distinguished-name.ts (a value's escaped comma is no boundary); for a DN that parser refuses,
 * by the normalised text.
 */
export function isWithin(dn: string, ancestor: string): boolean {
  const within = dnWithin(dn, ancestor);
  if (within !== null) return within;
  const d = normaliseDn(dn);
  const a = normaliseDn(ancestor);
  return d === a || d.endsWith(`,${a}`);
}

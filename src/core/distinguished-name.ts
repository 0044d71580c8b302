/**
 * Distinguished names as an administrator types them (base DN, containers, group DNs): parsed per
 * RFC 4514 §3, so a typo is named with the RDN and character it is at instead of failing later at
 * the domain controller (34 invalidDNSyntax, or a container that "does not exist").
 *
 * Strict where Active Directory is: every RDN is `type=value` with a descriptor (`OU`, `CN`, `DC`)
 * or a numeric OID as type; `, + " \ < > ;` inside a value are escaped (`\,` or as hex `\2C`); hex
 * escapes form UTF-8; a value may be `#` + BER hex. Lenient where AD is: spaces around `,`, `+` and
 * `=` are ignored, as AD ignores them. Refused although RFC 2253 allowed them: quoted values
 * (`CN="a, b"`), which Windows may not accept (active-directory.md §2.2), `;` as a separator, and
 * empty values, which AD refuses. No dependency does this: ldapts only builds DNs, and @ldapjs/dn
 * belongs to the decommissioned ldapjs and does not say where a DN is wrong.
 */

export interface DnAttribute {
  /** As written (`OU`, `cn`, `2.5.4.3`). */
  readonly type: string;
  /** Unescaped; for a `#` value the hex digits after `#`. */
  readonly value: string;
  readonly hex: boolean;
}

/** One RDN: one attribute, or several joined with `+`. */
export type Rdn = readonly DnAttribute[];

export type DnParse =
  | { readonly ok: true; readonly rdns: readonly Rdn[] }
  | { readonly ok: false; readonly problem: string };

const DESCRIPTOR = /^[A-Za-z][A-Za-z0-9-]*$/;
const NUMERIC_OID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$/;
/** Characters that may follow a backslash as themselves (RFC 4514 `escaped`, `special`, ESC). */
const ESCAPABLE = new Set(['"', '+', ',', ';', '<', '>', '\\', ' ', '#', '=']);
/** Characters that must be escaped wherever they stand in a value. */
const MUST_ESCAPE = new Set(['"', ';', '<', '>']);
const HEX = /^[0-9A-Fa-f]{2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

class DnError extends Error {}

export function parseDn(text: string): DnParse {
  try {
    return { ok: true, rdns: new DnParser(text).parse() };
  } catch (error) {
    if (error instanceof DnError) return { ok: false, problem: error.message };
    throw error;
  }
}

/** Why `text` is not a distinguished name, or null when it is one. */
export function dnProblem(text: string): string | null {
  const parsed = parseDn(text);
  return parsed.ok ? null : parsed.problem;
}

/**
 * Whether a bind identity is written as a DN (`CN=svc-hrsync,OU=Service,DC=example,DC=nl`) rather
 * than as a UPN or DOMAIN\user: it starts with an attribute type and `=`.
 */
export function looksLikeDn(text: string): boolean {
  return /^\s*([A-Za-z][A-Za-z0-9-]*|[0-9]+(\.[0-9]+)+)\s*=/.test(text) && !text.includes('@');
}

/**
 * A form for comparing DNs: attribute types and values in lower case (AD compares both without
 * regard to case), one escaping, the attributes of a multi-valued RDN in order. Null when `text` is
 * not a DN.
 */
export function canonicalDn(text: string): string | null {
  return canonicalRdns(text)?.join(',') ?? null;
}

/** canonicalDn's RDNs, one string each (a value's own commas stay escaped inside its RDN). */
export function canonicalRdns(text: string): readonly string[] | null {
  const parsed = parseDn(text);
  if (!parsed.ok) return null;
  return parsed.rdns.map((rdn) =>
    rdn
      .map(
        (a) =>
          `${a.type.toLowerCase()}=${a.hex ? `#${a.value.toLowerCase()}` : escapeValue(a.value.toLowerCase())}`,
      )
      .sort()
      .join('+'),
  );
}

/**
 * Whether the DN `dn` is `ancestor` or lies below it, compared as canonicalDn compares, RDN by RDN
 * (so `OU=a\,DC=x` is not below `DC=x`: its comma is part of a value). Null when either is not a DN.
 */
export function dnWithin(dn: string, ancestor: string): boolean | null {
  const below = canonicalRdns(dn);
  const above = canonicalRdns(ancestor);
  return below === null || above === null ? null : rdnsWithin(below, above);
}

/** dnWithin for RDNs canonicalRdns made (a base DN made once, compared with many). */
export function rdnsWithin(dn: readonly string[], ancestor: readonly string[]): boolean {
  const offset = dn.length - ancestor.length;
  if (offset < 0) return false;
  for (let i = 0; i < ancestor.length; i++) if (dn[offset + i] !== ancestor[i]) return false;
  return true;
}

function escapeValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (ESCAPABLE.has(c) && c !== ' ' && c !== '#') out += `\\${c}`;
    else if ((c === ' ' || c === '#') && i === 0) out += `\\${c}`;
    else if (c === ' ' && i === value.length - 1) out += '\\ ';
    else if (c < ' ' || c === '\x7f') out += `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += c;
  }
  return out;
}

class DnParser {
  #i = 0;
  #rdnStart = 0;
  #rdnNumber = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  parse(): Rdn[] {
    if (this.#text.trim() === '')
      throw new DnError('the value is empty; write a DN such as OU=Staff,DC=example,DC=nl');
    const rdns: Rdn[] = [];
    for (;;) {
      this.#rdnNumber++;
      this.#rdnStart = this.#i;
      rdns.push(this.#rdn());
      if (this.#i >= this.#text.length) return rdns;
      this.#i++; // the comma
    }
  }

  #rdn(): Rdn {
    const attributes: DnAttribute[] = [];
    for (;;) {
      const attribute = this.#attribute(attributes.length === 0);
      const repeated = attributes.find((a) => a.type.toLowerCase() === attribute.type.toLowerCase());
      if (repeated) this.#fail(`names the attribute type ${attribute.type} twice`);
      attributes.push(attribute);
      if (this.#text[this.#i] !== '+') return attributes;
      this.#i++;
    }
  }

  #attribute(first: boolean): DnAttribute {
    this.#spaces();
    const start = this.#i;
    while (this.#i < this.#text.length && /[A-Za-z0-9.-]/.test(this.#text[this.#i] as string)) this.#i++;
    const type = this.#text.slice(start, this.#i);
    this.#spaces();
    const next = this.#text[this.#i];
    if (type === '') {
      if (first && (next === undefined || next === ',')) {
        this.#fail(
          next === undefined && this.#rdnNumber > 1
            ? 'is empty: the DN ends in a comma'
            : 'is empty: two commas in a row, or a comma at the start',
        );
      }
      if (next === undefined || next === ',' || next === '+') this.#fail('has an empty attribute after "+"');
      this.#fail(`starts with ${show(next)} where an attribute type (such as OU, CN or DC) belongs`);
    }
    if (!DESCRIPTOR.test(type) && !NUMERIC_OID.test(type)) {
      this.#fail(
        `has "${type}" as attribute type: write a name such as OU, CN or DC (a letter, then letters, digits or -), or a numeric OID such as 2.5.4.11`,
      );
    }
    if (next !== '=') {
      this.#fail(
        next === undefined || next === ',' || next === '+'
          ? `has no "=": write ${type}=value`
          : `has ${show(next)} after the attribute type ${type}, where "=" belongs`,
      );
    }
    this.#i++;
    this.#spaces();
    const value = this.#text[this.#i] === '#' ? this.#hexValue() : this.#stringValue();
    if (!value.hex && value.value === '') this.#fail(`has an empty value: write ${type}=<name>`);
    return { type, ...value };
  }

  #hexValue(): { value: string; hex: true } {
    const start = ++this.#i;
    while (this.#i < this.#text.length && /[0-9A-Fa-f]/.test(this.#text[this.#i] as string)) this.#i++;
    const digits = this.#text.slice(start, this.#i);
    this.#spaces();
    const next = this.#text[this.#i];
    if (digits === '' || digits.length % 2 !== 0 || (next !== undefined && next !== ',' && next !== '+')) {
      this.#fail(
        'has a value starting with "#", which means BER-encoded hex digits in pairs (#04024869); to start a name with #, escape it: \\#',
      );
    }
    return { value: digits, hex: true };
  }

  #stringValue(): { value: string; hex: false } {
    let value = '';
    /** Length of `value` up to and including its last escaped character: spaces before it stay. */
    let kept = 0;
    const text = this.#text;
    while (this.#i < text.length) {
      const c = text[this.#i] as string;
      if (c === ',' || c === '+') break;
      if (c === '\\') {
        const { decoded, length } = this.#escape();
        value += decoded;
        kept = value.length;
        this.#i += length;
        continue;
      }
      if (c === '"' && value === '') {
        this.#fail(
          'has a quoted value: quotes are not accepted, escape the special characters with a backslash instead (CN=de Vries\\, Jan)',
        );
      }
      if (MUST_ESCAPE.has(c)) this.#fail(`has ${show(c)} in its value: write it as \\${c}`);
      const code = c.charCodeAt(0);
      if (code < 0x20 || code === 0x7f) {
        this.#fail(
          `has a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')}) in its value: write it as \\${code.toString(16).toUpperCase().padStart(2, '0')}`,
        );
      }
      value += c;
      if (c !== ' ') kept = value.length;
      this.#i++;
    }
    // Unescaped spaces before a separator are not part of the value (AD ignores them too).
    return { value: value.slice(0, kept), hex: false };
  }

  /** A backslash sequence at #i: `\,` or a run of hex pairs (`\C3\A9`) that must form UTF-8. */
  #escape(): { decoded: string; length: number } {
    const text = this.#text;
    const bytes: number[] = [];
    let at = this.#i;
    while (text[at] === '\\' && HEX.test(text.slice(at + 1, at + 3))) {
      bytes.push(Number.parseInt(text.slice(at + 1, at + 3), 16));
      at += 3;
    }
    if (bytes.length > 0) {
      try {
        return { decoded: utf8.decode(Uint8Array.from(bytes)), length: at - this.#i };
      } catch {
        this.#fail(
          `has the escapes ${text.slice(this.#i, at)}, which are not UTF-8: write a character as all its UTF-8 bytes (é is \\C3\\A9), and a backslash itself as \\\\`,
        );
      }
    }
    const next = text[this.#i + 1];
    if (next === undefined) this.#fail('ends in a lone backslash: write a backslash as \\\\');
    if (!ESCAPABLE.has(next)) {
      this.#fail(
        `has ${show(`\\${next}`)}, which is no escape: a backslash goes before , + " \\ < > ; # = or a space, or before two hex digits (\\2C)`,
      );
    }
    return { decoded: next, length: 2 };
  }

  #spaces(): void {
    while (this.#text[this.#i] === ' ') this.#i++;
  }

  #fail(problem: string): never {
    const rdn = this.#rdnText();
    const which = rdn === '' ? `RDN ${this.#rdnNumber}` : `RDN ${this.#rdnNumber} (${show(rdn)})`;
    throw new DnError(`${which}, at character ${this.#i + 1}, ${problem}`);
  }

  /** The current RDN as written, up to the next unescaped comma. */
  #rdnText(): string {
    const text = this.#text;
    let end = this.#rdnStart;
    while (end < text.length && text[end] !== ',') end += text[end] === '\\' ? 2 : 1;
    return text.slice(this.#rdnStart, Math.min(end, text.length)).trim();
  }
}

/** Quoted, with control characters as their DN escapes so that nothing invisible is shown. */
function show(s: string): string {
  let out = '';
  for (const c of s) out += isControl(c) ? `\\${hexOf(c)}` : c;
  return `"${out}"`;
}

function isControl(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

const hexOf = (c: string) => c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');

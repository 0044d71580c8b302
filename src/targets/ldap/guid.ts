/**
 * objectGUID: 16 bytes on the wire, `caa7352e-73c1-44af-a830-…` in text. The text form reverses the
 * first four bytes, then the next two, then the next two (a little-endian Windows GUID); the last
 * eight are in order. Accounts are keyed by this text form, never by DN (a DN changes on rename).
 */
const GUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return GUID_TEXT.test(text);
}

export function guidToString(bytes: Buffer): string {
  if (bytes.length !== 16) throw new RangeError(`an objectGUID has 16 bytes, not ${bytes.length}`);
  // Copy before reversing: subarray().reverse() would reverse the caller's buffer in place.
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = Buffer.from(bytes.subarray(from, to));
    return (reverse ? part.reverse() : part).toString('hex');
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10, false), hex(10, 16, false)].join('-');
}

export function guidToBytes(text: string): Buffer {
  if (!isGuid(text)) throw new RangeError(`"${text}" is not a GUID`);
  const hex = text.replace(/-/g, '');
  const part = (from: number, to: number, reverse: boolean) => {
    const b = Buffer.from(hex.slice(from * 2, to * 2), 'hex');
    return reverse ? b.reverse() : b;
  };
  return Buffer.concat([
    part(0, 4, true),
    part(4, 6, true),
    part(6, 8, true),
    part(8, 10, false),
    part(10, 16, false),
  ]);
}

/** AD's extended DN form: an object by GUID, usable wherever a DN is (search base, modify, delete). */
export const guidDn = (text: string): string => `<GUID=${text.toLowerCase()}>`;

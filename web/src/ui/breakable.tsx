/**
 * A text whose e-mail addresses and UPNs break in a narrow column only before "@" or a domain's ".",
 * and attributes' technical names between their words (ui/address-breaks.ts). A `<wbr>` adds no text: copying, searching and `textContent` read the
 * address whole.
 */
import { Fragment, type ReactNode } from 'react';
import { wordBreaks } from './address-breaks.ts';

export function breakable(text: string): ReactNode {
  const pieces = wordBreaks(text);
  if (pieces.length === 1) return text;
  return pieces.map((piece, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed text, in order
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {piece}
    </Fragment>
  ));
}

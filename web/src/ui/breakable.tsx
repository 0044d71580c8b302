/**
 * A text whose e-mail addresses and UPNs break in a narrow column only before "@" or a domain's ".",
 * and whose attributes' technical names stay whole where they fit, else break between their words
 * (ui/address-breaks.ts). A `<wbr>` adds no text: copying, searching and `textContent` read the text
 * as it is, except that a " · " separator is joined to the word before it by a no-break space, so
 * no line holds a "·" alone ("Employee leave date" / "·" / "employeeLeaveDate"). An ISO date or instant
 * stays on one line: a phone broke "(2019-12-" / "31T23:00:00Z)" after a hyphen.
 */
import { Fragment, type ReactNode } from 'react';
import { addressBreaks, technicalNames, urlBreaks } from './address-breaks.ts';

export function breakable(shown: string): ReactNode {
  const text = shown.replaceAll(' · ', '\u00a0· ');
  const parts = technicalNames(text);
  if (parts.length === 1 && typeof parts[0] === 'string') {
    const pieces = addressBreaks(text);
    if (pieces.length > 1) return <span>{withBreaks(pieces)}</span>;
    return ISO.test(text) ? <span>{datesWhole(text)}</span> : text;
  }
  // One inline element: a cell laid out as a flex box (a phone's stacked rows) would make each piece
  // and each <wbr> an item of its own, side by side.
  return (
    <span>
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
          <Fragment key={i}>{withBreaks(addressBreaks(part))}</Fragment>
        ) : (
          // A technical name is one box on the line: it moves whole to the next line when it does not fit
          // after the text before it, and breaks between its words only when wider than the column.
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
          <span key={i} style={{ display: 'inline-block', maxWidth: '100%' }}>
            {withBreaks(part)}
          </span>
        ),
      )}
    </span>
  );
}

/** A URL that a narrow line breaks after a "/" of its path (ui/address-breaks.ts), not inside a word. */
export function breakableUrl(url: string): ReactNode {
  return <span>{withBreaks(urlBreaks(url))}</span>;
}

/** An ISO date or instant (2019-12-31, 2019-12-31T23:00:00Z): a line breaks after its hyphens otherwise. */
const ISO = /\(?\d{4}-\d\d-\d\d(?:T[\d:.]+(?:Z|[+-]\d\d:\d\d)?)?\)?/;
const ISO_ALL = new RegExp(ISO.source, 'g');

/**
 * The text with each ISO date or instant (and its brackets) one box on the line, as a technical name:
 * moved whole to the next line when it does not fit, broken only when wider than the column.
 */
function datesWhole(text: string): ReactNode {
  const out: ReactNode[] = [];
  let at = 0;
  for (const match of text.matchAll(ISO_ALL)) {
    const start = match.index;
    if (start > at) out.push(text.slice(at, start));
    out.push(
      <span key={start} style={{ display: 'inline-block', maxWidth: '100%', overflowWrap: 'anywhere' }}>
        {match[0]}
      </span>,
    );
    at = start + match[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

function withBreaks(pieces: readonly string[]): ReactNode {
  if (pieces.length === 1) return pieces[0];
  return pieces.map((piece, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed text, in order
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {piece}
    </Fragment>
  ));
}

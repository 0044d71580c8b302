/** .NET DateTimeStyles, as FormatDateTime's second argument names them. */
export interface DateTimeStyles {
  readonly allowLeadingWhite: boolean;
  readonly allowTrailingWhite: boolean;
  readonly allowInnerWhite: boolean;
  readonly noCurrentDateDefault: boolean;
  readonly adjustToUniversal: boolean;
  readonly assumeLocal: boolean;
  readonly assumeUniversal: boolean;
  readonly roundtripKind: boolean;
}

const FLAGS = {
  none: 0,
  allowleadingwhite: 1,
  allowtrailingwhite: 2,
  allowinnerwhite: 4,
  allowwhitespaces: 7,
  nocurrentdatedefault: 8,
  adjusttouniversal: 16,
  assumelocal: 32,
  assumeuniversal: 64,
  roundtripkind: 128,
} as const satisfies Record<string, number>;

/** Entra's default when the argument is left empty. */
export const DEFAULT_STYLES = 128 | 1 | 2;

/**
 * Accepts `AssumeUniversal`, `DateTimeStyles.AssumeUniversal`, several joined by commas, spaces or
 * `|`, or the numeric value. Returns a message for unknown names and for combinations .NET refuses.
 */
export function parseDateTimeStyles(text: string): DateTimeStyles | string {
  let bits = 0;
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    bits = Number(trimmed);
    if (bits > 255) return `${trimmed} is not a DateTimeStyles value`;
  } else {
    for (const word of trimmed.split(/[\s,|]+/)) {
      if (word === '') continue;
      const key = word.replace(/^DateTimeStyles\./i, '').toLowerCase();
      const bit = (FLAGS as Record<string, number>)[key];
      if (bit === undefined)
        return `'${word}' is not a DateTimeStyles value (for example AssumeUniversal, AdjustToUniversal)`;
      bits |= bit;
    }
  }
  return stylesFromBits(bits);
}

export function stylesFromBits(bits: number): DateTimeStyles | string {
  const styles: DateTimeStyles = {
    allowLeadingWhite: (bits & 1) !== 0,
    allowTrailingWhite: (bits & 2) !== 0,
    allowInnerWhite: (bits & 4) !== 0,
    noCurrentDateDefault: (bits & 8) !== 0,
    adjustToUniversal: (bits & 16) !== 0,
    assumeLocal: (bits & 32) !== 0,
    assumeUniversal: (bits & 64) !== 0,
    roundtripKind: (bits & 128) !== 0,
  };
  if (styles.assumeLocal && styles.assumeUniversal)
    return 'AssumeLocal and AssumeUniversal cannot be combined';
  if (styles.roundtripKind && (styles.assumeLocal || styles.assumeUniversal || styles.adjustToUniversal)) {
    return 'RoundtripKind cannot be combined with AssumeLocal, AssumeUniversal or AdjustToUniversal';
  }
  return styles;
}

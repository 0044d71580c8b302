/**
 * An hrsync error as lines for a terminal, in the console's words: the title ("Some settings need
 * attention"), the message, then one line per detail naming the field as the console's forms do with
 * its path beside it ("  Mapping rule 4 › Source or expression: is required (/mapping/3/source)"),
 * since a configuration file is edited by its paths. Never the catalogue's code (that is --json's).
 */
import { detailLines, type FieldDetail, refusalSummary } from '../../contracts/field-words.ts';

export interface Refusal {
  readonly title: string;
  readonly code: string;
  readonly message: string;
  readonly details: readonly FieldDetail[];
}

export function refusalLines(r: Refusal, options: { readonly topLevel?: boolean } = {}): string[] {
  const summary = refusalSummary(r.code, r.message, r.details.length);
  // With the details below it, a message that lists them again by path (the configuration check's
  // "…is invalid:\n  /mapping/3/source: …") keeps only its first line.
  const first = r.details.length > 0 ? (summary.split('\n')[0] ?? '') : summary;
  return [
    summary === r.message ? `${r.title}: ${first}` : `${r.title}:`,
    ...detailLines(r.details, { ...options, withPath: true }).map((line) => `  ${line}`),
  ];
}

import type { ComparisonOperator } from './ast.ts';
import { syntaxFailure } from './failure.ts';

export type Token =
  | { readonly kind: 'identifier'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'attribute'; readonly name: string; readonly start: number; readonly end: number }
  | { readonly kind: 'string'; readonly value: string; readonly start: number; readonly end: number }
  | {
      readonly kind: 'number';
      readonly value: number;
      readonly text: string;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'operator';
      readonly operator: ComparisonOperator;
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: '(' | ')' | ',' | 'end'; readonly start: number; readonly end: number };

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentifierStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isIdentifierPart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

// Expressions are often pasted from documentation or Word, which turns quotes curly.
const CURLY_QUOTES = new Set(['\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb']);

/** Splits expression text into tokens; the parser builds the tree. Messages get their location later. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, start, end: ++i });
    } else if (c === '"') {
      i = readString(text, i, tokens);
    } else if (c === '[') {
      const close = text.indexOf(']', i + 1);
      if (close < 0) syntaxFailure(`attribute reference is not closed: expected ']'`, start);
      const name = text.slice(i + 1, close).trim();
      if (name === '') syntaxFailure('empty attribute reference []', start);
      i = close + 1;
      tokens.push({ kind: 'attribute', name, start, end: i });
    } else if (isDigit(c) || (c === '-' && isDigit(text[i + 1]))) {
      i++;
      while (isDigit(text[i])) i++;
      if (text[i] === '.' && isDigit(text[i + 1])) {
        i++;
        while (isDigit(text[i])) i++;
      }
      const literal = text.slice(start, i);
      tokens.push({ kind: 'number', value: Number(literal), text: literal, start, end: i });
    } else if (c === '&' && (text[i + 1] === 'H' || text[i + 1] === 'h')) {
      // VBA hex literal, as in the documented `BitAnd(&HF, &HF7)`.
      i += 2;
      while (i < text.length && /[0-9A-Fa-f]/.test(text[i]!)) i++;
      if (i === start + 2) syntaxFailure('expected hexadecimal digits after &H', i);
      const literal = text.slice(start, i);
      tokens.push({
        kind: 'number',
        value: Number.parseInt(literal.slice(2), 16),
        text: literal,
        start,
        end: i,
      });
    } else if (c === '=' || c === '<' || c === '>') {
      const two = text.slice(i, i + 2);
      const operator: ComparisonOperator =
        two === '<>' || two === '<=' || two === '>=' ? two : (c as ComparisonOperator);
      i += operator.length;
      tokens.push({ kind: 'operator', operator, start, end: i });
    } else if (isIdentifierStart(c)) {
      i++;
      while (isIdentifierPart(text[i])) i++;
      tokens.push({ kind: 'identifier', text: text.slice(start, i), start, end: i });
    } else if (CURLY_QUOTES.has(c)) {
      syntaxFailure(`curly quote ${c}: string constants need straight double quotes (")`, start);
    } else if (c === "'") {
      syntaxFailure(`single quote: string constants need double quotes (")`, start);
    } else {
      syntaxFailure(`unexpected character '${c}'`, start);
    }
  }
  tokens.push({ kind: 'end', start: text.length, end: text.length });
  return tokens;
}

/**
 * Entra's rule: a backslash escapes a backslash or a double quote. Any other backslash is kept as
 * written, so regex patterns such as "\d{10}" survive whether or not the author doubled the
 * backslash (Entra's own examples write "\\d").
 */
function readString(text: string, open: number, tokens: Token[]): number {
  let value = '';
  let i = open + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      tokens.push({ kind: 'string', value, start: open, end: i + 1 });
      return i + 1;
    }
    if (c === '\\' && (text[i + 1] === '\\' || text[i + 1] === '"')) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  return syntaxFailure("string constant is not closed: expected '\"'", open);
}

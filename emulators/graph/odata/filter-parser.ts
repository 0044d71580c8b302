import { GraphError } from '../graph/graph-error.ts';
import type { ComparisonOperator, FilterLiteral, FilterNode, FilterOperand } from './filter-ast.ts';

type Token =
  | { readonly type: 'punct'; readonly value: '(' | ')' | ',' | ':' | '/'; readonly at: number }
  | { readonly type: 'string'; readonly value: string; readonly at: number }
  | { readonly type: 'word'; readonly value: string; readonly at: number };

const OPERATORS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = { startswith: 'startsWith', endswith: 'endsWith', contains: 'contains' } as const;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?/;
const NUMBER = /^-?\d+(\.\d+)?/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*/;

/** Parses a Graph `$filter` expression into an AST; throws a 400 GraphError on bad syntax. */
export function parseFilter(text: string): FilterNode {
  const parser = new Parser(tokenize(text), text);
  const node = parser.expression();
  parser.expectEnd();
  return node;
}

function syntaxError(text: string, at: number, what: string): GraphError {
  return new GraphError(400, 'BadRequest', `Invalid filter clause: ${what} at position ${at} in '${text}'.`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',' || ch === ':' || ch === '/') {
      tokens.push({ type: 'punct', value: ch, at: i });
      i++;
    } else if (ch === "'") {
      // OData escapes a quote inside a string literal by doubling it.
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw syntaxError(text, i, 'unterminated string literal');
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      tokens.push({ type: 'string', value, at: i });
      i = j + 1;
    } else {
      const rest = text.slice(i);
      const match = DATE_TIME.exec(rest) ?? NUMBER.exec(rest) ?? IDENTIFIER.exec(rest);
      if (!match) throw syntaxError(text, i, `unexpected character '${ch}'`);
      tokens.push({ type: 'word', value: match[0], at: i });
      i += match[0].length;
    }
  }
  return tokens;
}

class Parser {
  #pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  expression(): FilterNode {
    let left = this.conjunction();
    while (this.#keyword('or')) left = { kind: 'or', left, right: this.conjunction() };
    return left;
  }

  expectEnd(): void {
    const token = this.tokens[this.#pos];
    if (token) throw syntaxError(this.text, token.at, `unexpected '${token.value}'`);
  }

  private conjunction(): FilterNode {
    let left = this.unary();
    while (this.#keyword('and')) left = { kind: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): FilterNode {
    if (this.#keyword('not')) return { kind: 'not', operand: this.unary() };
    if (this.#punct('(')) {
      const inner = this.expression();
      this.#expectPunct(')');
      return inner;
    }
    return this.predicate();
  }

  private predicate(): FilterNode {
    const word = this.#expectWord('a property or function');
    const fn = FUNCTIONS[word.value.toLowerCase() as keyof typeof FUNCTIONS];
    if (fn && this.#punct('(')) {
      const target = this.#operand(this.#expectWord('a property'));
      this.#expectPunct(',');
      const value = this.#literal();
      this.#expectPunct(')');
      return { kind: 'function', name: fn, target, value };
    }
    const path = [word.value];
    while (this.#punct('/')) {
      const segment = this.#expectWord('a property segment');
      const quantifier = segment.value.toLowerCase();
      if ((quantifier === 'any' || quantifier === 'all') && this.#punct('(')) {
        const variable = this.#expectWord('a lambda variable').value;
        this.#expectPunct(':');
        this.variables.push(variable);
        const predicate = this.expression();
        this.variables.pop();
        this.#expectPunct(')');
        return { kind: 'lambda', quantifier, property: path.join('/'), variable, predicate };
      }
      path.push(segment.value);
    }
    const target = this.#operand({ ...word, value: path.join('/') });
    const op = this.#expectWord('an operator');
    const lower = op.value.toLowerCase();
    if (lower === 'in') {
      this.#expectPunct('(');
      const values = [this.#literal()];
      while (this.#punct(',')) values.push(this.#literal());
      this.#expectPunct(')');
      return { kind: 'in', target, values };
    }
    if (!OPERATORS.has(lower)) throw syntaxError(this.text, op.at, `unknown operator '${op.value}'`);
    return { kind: 'compare', op: lower as ComparisonOperator, target, value: this.#literal() };
  }

  private readonly variables: string[] = [];

  #operand(word: { value: string }): FilterOperand {
    if (this.variables.includes(word.value)) return { kind: 'variable', name: word.value };
    return { kind: 'property', path: word.value.split('/') };
  }

  #literal(): FilterLiteral {
    const token = this.tokens[this.#pos++];
    if (!token) throw syntaxError(this.text, this.text.length, 'expected a literal');
    if (token.type === 'string') return token.value;
    if (token.type === 'word') {
      const lower = token.value.toLowerCase();
      if (lower === 'null') return null;
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (DATE_TIME.test(token.value) && token.value.includes('-')) return token.value;
      if (NUMBER.test(token.value)) return Number(token.value);
    }
    throw syntaxError(this.text, token.at, `expected a literal but found '${token.value}'`);
  }

  #keyword(word: string): boolean {
    const token = this.tokens[this.#pos];
    if (token?.type === 'word' && token.value.toLowerCase() === word) {
      this.#pos++;
      return true;
    }
    return false;
  }

  #punct(value: string): boolean {
    const token = this.tokens[this.#pos];
    if (token?.type === 'punct' && token.value === value) {
      this.#pos++;
      return true;
    }
    return false;
  }

  #expectPunct(value: string): void {
    if (!this.#punct(value)) {
      const token = this.tokens[this.#pos];
      throw syntaxError(this.text, token?.at ?? this.text.length, `expected '${value}'`);
    }
  }

  #expectWord(what: string): Token {
    const token = this.tokens[this.#pos];
    if (token?.type !== 'word')
      throw syntaxError(this.text, token?.at ?? this.text.length, `expected ${what}`);
    this.#pos++;
    return token;
  }
}

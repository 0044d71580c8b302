/**
 * `hrsync expr '<expression>'`: evaluates a mapping expression against sample attributes, the way
 * Entra's "Test expression" does, so an administrator can try a mapping before saving it.
 */
import type { Command } from 'commander';
import { fileProblem } from '../../core/file-problem.ts';
import type { Attributes, AttrValue } from '../../core/index.ts';
import { jsonErrorWhere } from '../../core/json-text.ts';
import { evaluate, FUNCTIONS, lineAndColumn, parseExpression, references } from '../../expr/index.ts';
import { hrsyncCommand } from '../command-table.ts';
import { readTextFile } from './text-file.ts';

export interface ExprFlags {
  input?: string;
  inputFile?: string;
  now?: string;
  timeZone?: string;
  taken?: string[];
  functions?: boolean;
}

export interface ExprOutput {
  readonly exitCode: 0 | 1;
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
}

/** What the command needs from the machine; tests pass their own. */
export interface ExprIo {
  readFile(path: string): Promise<string>;
  now(): Date;
  random(): number;
}

const systemIo: ExprIo = {
  readFile: readTextFile,
  now: () => new Date(),
  random: Math.random,
};

/** The line of the expression that holds `position`, with a caret under it. */
export function pointAt(expression: string, position: number): string[] {
  const { line, column } = lineAndColumn(expression, position);
  const text = expression.split('\n')[line - 1] ?? '';
  // Copy tabs so the caret lines up however the terminal expands them.
  const pad = [...text.slice(0, column - 1)].map((c) => (c === '\t' ? '\t' : ' ')).join('');
  return [`  ${text}`, `  ${pad}^`];
}

export async function runExpr(
  expression: string | undefined,
  flags: ExprFlags,
  io: ExprIo = systemIo,
): Promise<ExprOutput> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const fail = (...lines: string[]): ExprOutput => ({ exitCode: 1, stdout, stderr: [...stderr, ...lines] });

  if (flags.functions) {
    for (const f of FUNCTIONS)
      stdout.push(`${f.signature}\n    ${f.description}\n    e.g. ${f.example.expression}`);
    return { exitCode: 0, stdout, stderr };
  }
  if (expression === undefined)
    return fail('error: give an expression, or --functions to list the functions');

  const attributes = await readAttributes(flags, io);
  if (typeof attributes === 'string') return fail(`error: ${attributes}`);

  let now: Date = io.now();
  if (flags.now !== undefined) {
    now = new Date(flags.now);
    if (Number.isNaN(now.getTime()))
      return fail(`error: --now ${JSON.stringify(flags.now)} is not an ISO-8601 time`);
  }

  const parsed = parseExpression(expression);
  if (!parsed.ok)
    return fail(`error: ${parsed.error.message}`, ...pointAt(expression, parsed.error.position));

  for (const name of references(parsed.ast)) {
    if (!Object.hasOwn(attributes, name)) stderr.push(`note: [${name}] is not in the input, so it is null`);
  }
  const taken = new Set(flags.taken ?? []);
  const result = evaluate(parsed.ast, {
    attributes,
    now: () => now,
    random: () => io.random(),
    isUnique: (value) => !taken.has(value),
    ...(flags.timeZone === undefined ? {} : { timeZone: flags.timeZone }),
  });
  if (!result.ok) {
    const { column, line } = lineAndColumn(expression, result.error.position);
    const where = expression.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`;
    return fail(`error: ${result.error.message} at ${where}`, ...pointAt(expression, result.error.position));
  }
  if (result.redacted) stderr.push('note: Redact() is used, so run logs show [Redact] instead of this value');
  stdout.push(result.flow ? JSON.stringify(result.value) : '(not flowed)');
  return { exitCode: 0, stdout, stderr };
}

async function readAttributes(flags: ExprFlags, io: ExprIo): Promise<Attributes | string> {
  const sources: { name: string; text: string }[] = [];
  if (flags.inputFile !== undefined) {
    try {
      sources.push({ name: flags.inputFile, text: await io.readFile(flags.inputFile) });
    } catch (e) {
      return `cannot read --input-file ${flags.inputFile}: ${fileProblem(e)}`;
    }
  }
  if (flags.input !== undefined) sources.push({ name: '--input', text: flags.input });
  const attributes: Record<string, AttrValue> = {};
  // --input wins over --input-file, so one field of a saved person can be tried with another value.
  for (const source of sources) {
    let json: unknown;
    try {
      json = JSON.parse(source.text);
    } catch (e) {
      return `${source.name} is not valid JSON: ${jsonErrorWhere(source.text, (e as Error).message)}`;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return `${source.name} must be a JSON object of attribute names and values`;
    }
    for (const [name, value] of Object.entries(json)) {
      const ok =
        value === null ||
        ['string', 'number', 'boolean'].includes(typeof value) ||
        (Array.isArray(value) && value.every((v) => typeof v === 'string'));
      if (!ok)
        return `${source.name}: attribute ${name} must be text, a number, true/false, null or a list of texts`;
      attributes[name] = value as AttrValue;
    }
  }
  return attributes;
}

export function exprCommand(io: ExprIo = systemIo): Command {
  return hrsyncCommand('expr')
    .argument('[expression]', 'the expression, e.g. \'Join(" ", [Roepnaam], [Geboortenaam])\'')
    .option('--input <json>', 'attributes as a JSON object, e.g. \'{"Roepnaam":"Jan"}\'')
    .option('--input-file <file>', 'read attributes from a JSON file (--input values override it)')
    .option('--now <iso>', 'the time Now() returns (default: the system clock)')
    .option('--time-zone <zone>', 'IANA zone FormatDateTime treats as local time (default UTC, as in Entra)')
    .option('--taken <values...>', 'values SelectUniqueValue must treat as already taken')
    .option('--functions', 'list the functions with their signatures and examples')
    .action(async (expression: string | undefined, flags: ExprFlags) => {
      const output = await runExpr(expression, flags, io);
      for (const line of output.stdout) process.stdout.write(`${line}\n`);
      for (const line of output.stderr) process.stderr.write(`${line}\n`);
      process.exitCode = output.exitCode;
    });
}

/**
 * What stops an emulator or `hrsync demo-data` from starting, in words: a --data file that is not
 * there or not JSON, an --out folder that does not exist, a port in use. Each printed Node's error
 * and stack trace. The emulators stand alone: of src/ they import only the pure text helpers of
 * src/core, so a --data file is read (UTF-8 only) and its JSON errors placed as the CLI does it.
 */
import { readFileSync } from 'node:fs';
import { FILE_ERROR_WORDS, fileProblem } from '../src/core/file-problem.ts';
import { jsonErrorWhere } from '../src/core/json-text.ts';
import { decodeText } from '../src/core/utf8-text.ts';

/** The problem in words, naming the file where there is one (a file's words: core/file-problem.ts). */
export function startProblem(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { port?: number; address?: string };
  const inFile = (words: string) => (e.path === undefined ? words : `${e.path}: ${words}`);
  switch (e.code) {
    case 'EADDRINUSE':
      return `port ${e.port} on ${e.address} is in use; pick another (0 = any free port)`;
    case 'EADDRNOTAVAIL':
      return `${e.address} is not an address of this machine; check --host`;
    case 'ENOTFOUND':
      // listen() looks a host name up first: a name that resolves to nothing.
      return `${(e as { hostname?: string }).hostname} is not a host name or address this machine knows; check --host`;
    case 'EACCES':
    case 'EPERM':
      return e.syscall === 'listen'
        ? `port ${e.port} needs more privileges; pick one above 1023`
        : inFile(fileProblem(e));
    default:
      // A file's problem in the CLI's words (one table); anything else in its own.
      if (e.code !== undefined && Object.hasOwn(FILE_ERROR_WORDS, e.code)) return inFile(fileProblem(e));
      return error instanceof Error ? error.message : String(error);
  }
}

/** Wraps a command's action: a start-up problem is one line on stderr and exit code 1. */
export function reportingStartProblems<A extends unknown[]>(
  name: string,
  action: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args);
    } catch (error) {
      console.error(`${name}: ${startProblem(error)}`);
      process.exitCode = 1;
    }
  };
}

/**
 * A --data file's JSON (or another JSON file the user gives, named by `label`): read as UTF-8 only,
 * and a file that cannot be read or parsed is named in the error, with where it breaks.
 */
export function readDataFile(path: string, label = '--data'): unknown {
  const text = readTextFile(path, label);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${label} ${path} is not valid JSON: ${jsonErrorWhere(text, (error as Error).message)}`);
  }
}

/** A text file the user names with option `label`, read as UTF-8 only; what is wrong names both. */
export function readTextFile(path: string, label: string): string {
  try {
    return decodeText(readFileSync(path));
  } catch (error) {
    // An Error's own fields (message) are not enumerable: a decoding error keeps its words.
    const problem =
      (error as { code?: unknown }).code === undefined ? error : { ...(error as object), path: undefined };
    throw new Error(`cannot read ${label} ${path}: ${startProblem(problem)}`);
  }
}

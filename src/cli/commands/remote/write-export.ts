/** Writes an export the service produced to a file, byte for byte (the CSV's BOM included). */
import { writeFile } from 'node:fs/promises';
import { writeProblem } from '../../../core/file-problem.ts';
import { CliError } from './cli-error.ts';

export async function writeExport(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (error) {
    throw new CliError(null, `Cannot write ${path}: ${writeProblem(error)}`);
  }
}

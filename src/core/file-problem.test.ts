import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FILE_ERROR_WORDS, fileProblem, writeProblem } from './file-problem.ts';

const failure = (code: string) =>
  Object.assign(new Error(`${code}: something, write`), { code, syscall: 'write' });

test('a file that cannot be written is said in words, not the system code', () => {
  const cases: [string, string][] = [
    ['ENOSPC', 'the disk is full'],
    ['EDQUOT', 'the disk quota is used up'],
    ['EFBIG', 'the file would be larger than the file-size limit allows (ulimit -f)'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EROFS', 'the file system is read-only'],
    ['ENOENT', 'a folder in the path does not exist'],
    ['EISDIR', 'it is a folder, not a file'],
  ];
  for (const [code, words] of cases) assert.equal(writeProblem(failure(code)), words, code);
  assert.equal(fileProblem(failure('ENOENT')), 'there is no such file');
});

test('every code in the table has words that do not repeat a code', () => {
  for (const [code, words] of Object.entries(FILE_ERROR_WORDS)) {
    assert.doesNotMatch(words, /\bE[A-Z]{3,}\b/, code);
    assert.equal(fileProblem(failure(code)), words, code);
  }
});

test('an error the table does not know keeps the system’s own message, not a bare code', () => {
  assert.equal(fileProblem(failure('EXDEV')), 'EXDEV: something, write');
  assert.equal(fileProblem(new Error('plain')), 'plain');
});

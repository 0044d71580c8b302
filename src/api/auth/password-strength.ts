/**
 * Password rules (issue 10, item 4): at least 12 characters (the schema) and not guessable — the
 * zxcvbn-ts estimator, with its common-password and English dictionaries plus the context of the
 * account (e-mail address, its parts, name, organisation), must score it 3 of 4 or better. So
 * "aaaaaaaaaaaa", "Welcome2024!!" and the user's own address are refused with the estimator's advice.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { HrsyncError } from '../../core/index.ts';

const MIN_SCORE = 3;

const estimator = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
  // Each further l33t substitution multiplies the work; past a few the password is long and odd anyway.
  l33tMaxSubstitutions: 4,
});

/** Words an attacker would try first for this account. */
function contextWords(context: readonly string[]): string[] {
  const words = new Set<string>();
  for (const text of context) {
    const lower = text.toLowerCase().trim();
    if (lower === '') continue;
    words.add(lower);
    for (const part of lower.split(/[@.\s_+-]+/)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/** Why this password is refused, or null. */
export function passwordProblem(password: string, context: readonly string[]): string | null {
  const words = contextWords(context);
  const lower = password.toLowerCase();
  if (words.some((w) => w.length >= 6 && lower.includes(w))) {
    return 'the password contains the account’s own e-mail address, name or organisation';
  }
  const result = estimator.check(password.slice(0, 64), words);
  if (result.score >= MIN_SCORE) return null;
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter((s) => s).join(' ');
  return `the password is too easy to guess${advice ? `: ${advice}` : ''}`;
}

export function assertStrongPassword(password: string, context: readonly string[]): void {
  const problem = passwordProblem(password, context);
  if (problem !== null) {
    throw new HrsyncError('HRS_VALIDATION', `Choose another password: ${problem}.`, {
      details: [{ path: '/password', message: problem }],
    });
  }
}

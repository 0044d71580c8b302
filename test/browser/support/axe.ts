/**
 * axe-core inside the page under test. The console's Content-Security-Policy allows scripts only
 * from the console itself, so axe is not added as a <script> (inline or otherwise): its source is
 * evaluated through the DevTools protocol, which a page's CSP does not govern, and then run there.
 * Production's CSP stays as strict as it is.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { InPage } from './in-page.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
  /** The element's opening tag as axe saw it. */
  readonly html: string;
}

/**
 * Violations that are the UI library's own, each with the reason it is not ours to fix. A rule is
 * excused only for the elements its pattern matches, never for the whole page.
 */
export const LIBRARY_VIOLATIONS: readonly {
  readonly id: string;
  readonly html: RegExp;
  readonly why: string;
}[] = [
  {
    id: 'aria-hidden-focus',
    html: /^<i [^>]*data-tabster-dummy=""/,
    why:
      "Fluent UI's focus manager (Tabster) puts invisible <i tabindex=0 aria-hidden> guards around " +
      'toolbars, menus and dialogs to trap and move focus. They hand focus on at once and are never ' +
      'read; they are the library’s, not markup the console writes.',
  },
];

/** Runs axe on the page (or on one part of it) and returns the serious and critical violations. */
export async function seriousViolations(page: Page, include?: string): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  // A closed dialog's focus manager un-hides the page behind it a moment after the dialog has gone:
  // with no dialog open, wait (at most 2 s) until the page is no longer aria-hidden. A function, not a
  // string: the console's Content Security Policy forbids evaluating strings, and a string predicate
  // failed at once (the catch hid it), so axe sometimes ran while the page was still hidden.
  await page
    .waitForFunction(
      () => {
        const { document } = globalThis as unknown as InPage;
        return (
          document.querySelectorAll('[role="dialog"], [role="alertdialog"]').length > 0 ||
          document.querySelectorAll('#root[aria-hidden="true"]').length === 0
        );
      },
      undefined,
      { timeout: 2000, polling: 50 },
    )
    .catch(() => undefined);
  const found = await page.evaluate(async (context) => {
    const { axe, document } = globalThis as unknown as InPage;
    if (!axe) throw new Error('axe-core did not load into the page');
    // Colours are judged once animations end: a dialog still fading in has too little contrast.
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
    const result = await axe.run(context === null ? document : { include: [context] }, {
      resultTypes: ['violations'],
    });
    return (
      result.violations as {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[]; impact: string | null; html: string }[];
      }[]
    ).flatMap((v) =>
      v.nodes.map((n) => ({
        id: v.id,
        impact: n.impact ?? v.impact,
        help: v.help,
        targets: n.target.map(String),
        html: n.html,
      })),
    );
  }, include ?? null);
  return found.filter(
    (v) =>
      (v.impact === 'serious' || v.impact === 'critical') &&
      !LIBRARY_VIOLATIONS.some((l) => l.id === v.id && l.html.test(v.html)),
  );
}

/** The serious and critical violations as lines that name where they were found. */
export async function accessibilityProblems(page: Page, where: string, include?: string): Promise<string[]> {
  const violations = await seriousViolations(page, include);
  return violations.map(
    (v) => `${where}: ${v.id} (${v.impact}): ${v.help} at ${v.targets.join(' ')} ${v.html.slice(0, 160)}`,
  );
}

export async function assertAccessible(page: Page, where: string, include?: string): Promise<void> {
  const problems = await accessibilityProblems(page, where, include);
  assert.deepEqual(problems, [], `axe found serious or critical problems:\n${problems.join('\n')}`);
}

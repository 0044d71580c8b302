/** Polling for a condition the test cannot be told of by an event, with a bound generous enough for a loaded machine. */

/** Waits until `check` holds, asking every `every` ms; fails after `ms` with `what`. */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  ms = 10_000,
  every = 25,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

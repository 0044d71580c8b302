/** Exhaustiveness guard for `switch` over a union: adding a kind fails to compile until handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}

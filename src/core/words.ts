/** "1 problem", "3 problems": a count with its noun, plural when it is not one. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * "1 problem", "3 problems": a count with its noun, plural when it is not one. The service's messages,
 * the item reasons, the expression checker and the console all say counts this way.
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

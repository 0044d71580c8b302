/** JSON columns are text on both dialects; these keep the (de)serialising in one place. */
export const toJson = (value: unknown): string => JSON.stringify(value);

export function fromJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/** Booleans are stored as 0/1 so one schema fits both dialects. */
export const toFlag = (value: boolean): number => (value ? 1 : 0);
export const fromFlag = (value: number | boolean | string): boolean => Number(value) === 1 || value === true;

/** COUNT(*) comes back as a string from pg (bigint) and a number from SQLite. */
export const toCount = (value: unknown): number => Number(value ?? 0);

/** Escapes `%`, `_` and `\` for a LIKE pattern used with `escape '\'`. */
export const likePattern = (text: string): string =>
  `%${text.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%`;

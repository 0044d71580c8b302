import { Type as T, type TSchema } from '@sinclair/typebox';
import { ERROR_CATALOGUE } from '../../core/errors.ts';

export const Nullable = <S extends TSchema>(schema: S) => T.Union([schema, T.Null()]);
export const Timestamp = T.String({ format: 'date-time', description: 'UTC, ISO-8601' });
export const Id = T.String({ minLength: 1, maxLength: 100 });
/** No control characters: a line break, a tab or an escape code breaks the lines a name is shown on. */
export const NO_CONTROL_CHARACTERS = '^[^\\u0000-\\u001F\\u007F-\\u009F]*$';
/** The longest name the service takes (the console's name fields read it too). */
export const NAME_MAX_LENGTH = 200;
/** A name someone typed: something besides spaces, at most NAME_MAX_LENGTH characters, no control characters. */
export const Name = T.Intersect([
  T.String({ minLength: 1, maxLength: NAME_MAX_LENGTH, pattern: '\\S' }),
  T.String({ pattern: NO_CONTROL_CHARACTERS }),
]);
export const Description = T.String({ maxLength: 2000 });

export const IdParams = T.Object({ id: Id });

export const PageQuery = {
  page: T.Optional(T.Integer({ minimum: 1, default: 1 })),
  pageSize: T.Optional(T.Integer({ minimum: 1, maximum: 500, default: 50 })),
};

export const Page = <S extends TSchema>(item: S) =>
  T.Object({
    items: T.Array(item),
    total: T.Integer({ minimum: 0 }),
    page: T.Integer({ minimum: 1 }),
    pageSize: T.Integer({ minimum: 1 }),
  });

const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as (keyof typeof ERROR_CATALOGUE)[];

export const ErrorBody = T.Object(
  {
    error: T.Object({
      code: T.Union(
        ERROR_CODES.map((c) => T.Literal(c)),
        { description: 'a code of the error catalogue' },
      ),
      message: T.String(),
      retryable: T.Boolean(),
      details: T.Array(T.Object({ path: T.String(), message: T.String() })),
    }),
  },
  { description: 'Every error has this shape; `code` is stable, `message` says what to do.' },
);

/** A secret is never returned; responses say only whether one is set. */
export const SecretState = T.Object({ set: T.Boolean() }, { description: 'secrets are never returned' });

export const Ok = T.Object({ ok: T.Literal(true) });

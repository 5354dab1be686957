import type { FastifySchemaCompiler } from 'fastify';

/**
 * Query strings and path parameters arrive as text and are coerced to their declared types. Ajv
 * coerces "Infinity", "-Infinity" and overflowing text such as "1e400" to ±Infinity and then
 * passes it as an integer and skips `minimum`/`maximum` (both only look at finite numbers), so a
 * route would get a number no column holds. This wrapper refuses such values as invalid input.
 */

/** A compiled validator as Fastify calls it: true, or false with `errors` set. */
type Validator = ReturnType<FastifySchemaCompiler<unknown>>;

/** The path (`/version`, `/ids/1`) of the first non-finite number in coerced input, or null. */
export function nonFinitePath(data: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value: data, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) return path;
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: `${path}/${k}` });
    }
  }
  return null;
}

/** `validate`, also failing when coercion left a non-finite number in the data. */
export function finiteNumbersOnly(validate: Validator): Validator {
  const wrapped: Validator = (data) => {
    const ok = validate(data);
    wrapped.errors = validate.errors;
    if (ok !== true) return ok;
    const path = nonFinitePath(data);
    if (path === null) return true;
    wrapped.errors = [{ instancePath: path, schemaPath: '#', keyword: 'type', params: { type: 'finite number' }, message: 'must be a finite number' }];
    return false;
  };
  return wrapped;
}

/**
 * Text no PostgreSQL column can hold: U+0000 (refused by text and jsonb) and a UTF-16 surrogate
 * without its partner (refused by jsonb; text would silently get U+FFFD instead). JSON lets a
 * client send either as an escape (`"\u0000"`, `"\ud800"`).
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Shows `text` with NUL and lone surrogates escaped, so an error message can quote it. */
function shown(text: string): string {
  return text.replace(new RegExp(UNSTORABLE.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What is wrong with a string that `UNSTORABLE` matches. */
function unstorableReason(text: string): string {
  return text.match(UNSTORABLE)![0] === '\u0000' ? 'must not contain U+0000' : 'must not contain an unpaired UTF-16 surrogate';
}

/** The path and reason of the first string (value or key) that no PostgreSQL text or jsonb can store, or null. */
export function unstorablePath(data: unknown): { path: string; message: string } | null {
  const stack: { value: unknown; path: string }[] = [{ value: data, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string' && UNSTORABLE.test(value)) return { path, message: unstorableReason(value) };
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (UNSTORABLE.test(k)) return { path: `${path}/${shown(k)}`, message: `key ${unstorableReason(k)}` };
        stack.push({ value: v, path: `${path}/${shown(k)}` });
      }
    }
  }
  return null;
}

/**
 * `validate`, also failing when any string of the input, value or key, holds U+0000 or an unpaired
 * surrogate: a 400 naming the field, never a database error. Applied to every body, query string
 * and path parameter by the validator compiler (`app.ts`), so no route has to remember it.
 */
export function storableText(validate: Validator): Validator {
  const wrapped: Validator = (data) => {
    const ok = validate(data);
    wrapped.errors = validate.errors;
    if (ok !== true) return ok;
    const found = unstorablePath(data);
    if (found === null) return true;
    wrapped.errors = [{ instancePath: found.path, schemaPath: '#', keyword: 'pattern', params: { pattern: 'storable text' }, message: found.message }];
    return false;
  };
  return wrapped;
}

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

/** The path of the first string (value or key) holding U+0000, which no PostgreSQL text or jsonb can store. */
export function nulPath(data: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value: data, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string' && value.includes('\u0000')) return path;
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (k.includes('\u0000')) return `${path}/${k.replace(/\u0000/g, '\\u0000')}`;
        stack.push({ value: v, path: `${path}/${k}` });
      }
    }
  }
  return null;
}

/** `validate`, also failing when any string of the body holds U+0000 (a 400, not a database error). */
export function noNulText(validate: Validator): Validator {
  const wrapped: Validator = (data) => {
    const ok = validate(data);
    wrapped.errors = validate.errors;
    if (ok !== true) return ok;
    const path = nulPath(data);
    if (path === null) return true;
    wrapped.errors = [{ instancePath: path, schemaPath: '#', keyword: 'pattern', params: { pattern: 'no U+0000' }, message: 'must not contain U+0000' }];
    return false;
  };
  return wrapped;
}

/**
 * Class fields in the published build. The package's classes use ES2022 field semantics
 * (`useDefineForClassFields`): each field is an own property made by [[DefineOwnProperty]], which
 * TypeScript writes for ES2017 at every field as `Object.defineProperty(this, "name",
 * { enumerable: true, configurable: true, writable: true, value })` — about 70 bytes each once
 * minified, and the stores have well over a hundred fields, all in the host's main package. The
 * build (scripts/build-privacy-package.ts) calls this function there instead: the same definition,
 * written once. No source imports it; the repository's own builds compile the sources as they are.
 */
export function defineClassField<T extends object>(target: T, key: PropertyKey, value: unknown): T {
  return Object.defineProperty(target, key, { enumerable: true, configurable: true, writable: true, value });
}

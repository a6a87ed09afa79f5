import { badInput } from '../errors/app-error.js';

/** A partial input: a field absent (undefined) keeps its value, null clears it, a value replaces it. */
export type Patch<T> = { [K in keyof T]?: T[K] | null };

/**
 * Overlays `patch` on `current` (ADR 0031): absent fields are kept, null clears an optional field, a
 * value replaces it. Null on a field the full input requires is refused (BAD_USER_INPUT on
 * `<path>.<field>`); a list is emptied with [], not null. Pure; the caller validates the merged whole.
 */
export function mergePatch<T extends object>(current: T, patch: Patch<T> | null | undefined, required: readonly (keyof T & string)[], path = 'patch'): T {
  const merged = { ...current } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value === undefined) continue;
    if (value === null && required.includes(key as keyof T & string)) {
      throw badInput(`${key} 为必填项，不能清空；不修改时请不要传该字段 (${key} is required and cannot be cleared; omit it to keep it)`, `${path}.${key}`);
    }
    merged[key] = value;
  }
  return merged as T;
}

/** Validation of a merged patch reports the field under the `patch` argument, not `input`. */
export function asPatchError(err: unknown): unknown {
  const details = (err as { details?: Record<string, unknown> } | null)?.details;
  if (details && typeof details.field === 'string' && details.field.startsWith('input.')) details.field = `patch.${details.field.slice('input.'.length)}`;
  return err;
}

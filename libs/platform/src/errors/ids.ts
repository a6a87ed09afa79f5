import { badInput } from './app-error.js';
import { echoInput } from './echo-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs are UUIDs; anything else is the caller's mistake, not a missing row. */
export function parseId(id: string, field: string): string {
  if (!UUID.test(id)) throw badInput(`${field} 不是有效的 ID：${echoInput(id)} (expected a UUID)`, field);
  return id.toLowerCase();
}

import { Init1795259069504 } from './1795259069504-Init.js';

/** Applied in this order; `npm run migration:generate` appends here. */
export const MIGRATIONS: Function[] = [
  Init1795259069504,
];

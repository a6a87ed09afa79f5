/** Cell values of an enterprise import: tiers, dates, whole numbers and lists as a bureau types them. */
import { echoInput } from '../../../platform/src/index.js';
import type { EnterpriseTier } from '../enterprise-tier.js';

export class CellError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const TIER_ALIASES: Record<string, EnterpriseTier> = {
  NONE: 'NONE',
  无: 'NONE',
  否: 'NONE',
  未认定: 'NONE',
  INNOVATIVE_SME: 'INNOVATIVE_SME',
  创新型: 'INNOVATIVE_SME',
  创新型中小企业: 'INNOVATIVE_SME',
  SPECIALIZED_SME: 'SPECIALIZED_SME',
  专精特新: 'SPECIALIZED_SME',
  专精特新中小企业: 'SPECIALIZED_SME',
  LITTLE_GIANT: 'LITTLE_GIANT',
  小巨人: 'LITTLE_GIANT',
  专精特新小巨人: 'LITTLE_GIANT',
  专精特新小巨人企业: 'LITTLE_GIANT',
  KEY_LITTLE_GIANT: 'KEY_LITTLE_GIANT',
  重点小巨人: 'KEY_LITTLE_GIANT',
  国家重点小巨人: 'KEY_LITTLE_GIANT',
  国家级重点小巨人: 'KEY_LITTLE_GIANT',
  重点小巨人企业: 'KEY_LITTLE_GIANT',
};

export function parseTier(v: string): EnterpriseTier {
  const key = v.replace(/[\s"'“”‘’「」『』]/g, '');
  const tier = TIER_ALIASES[key.toUpperCase()] ?? TIER_ALIASES[key];
  if (!tier) {
    throw new CellError(
      'tier',
      `梯度“${echoInput(v)}”无法识别，可填 无/创新型/专精特新/小巨人/重点小巨人 或 NONE、INNOVATIVE_SME、SPECIALIZED_SME、LITTLE_GIANT、KEY_LITTLE_GIANT (unknown tier '${echoInput(v)}')`,
    );
  }
  return tier;
}

const DATE_FORMS = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]00:00(?::00(?:\.0+)?)?)?$/;

export function parseDate(v: string, field: string): string {
  const m = DATE_FORMS.exec(v);
  const fail = () => new CellError(field, `“${echoInput(v)}”不是有效日期，请填 yyyy-mm-dd，如 2019-03-15 (not a valid date; use yyyy-mm-dd)`);
  if (!m) throw fail();
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) throw fail();
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const INT_MAX = 2_147_483_647;

export function parseWhole(v: string, field: string, kind: 'count' | 'year'): number {
  let s = v.replace(/[\s\u3000]/g, '');
  if (kind === 'year') s = s.replace(/年$/, '');
  if (kind === 'count') s = s.replace(/[人件个项]$/, '');
  if (/^-?\d{1,3}(,\d{3})+(\.0+)?$/.test(s)) s = s.replace(/,/g, '');
  if (/^-?\d+\.0+$/.test(s)) s = s.replace(/\.0+$/, '');
  if (!/^-?\d+$/.test(s)) {
    throw new CellError(field, `“${echoInput(v)}”无效：须为整数 (must be a whole number)`);
  }
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new CellError(field, `“${echoInput(v)}”超出可表示的范围 (number too large)`);
  if (kind === 'count' && n > INT_MAX) throw new CellError(field, `“${echoInput(v)}”过大 (count too large)`);
  if (kind === 'year' && (n < 1900 || n > 9999)) throw new CellError(field, `年度“${echoInput(v)}”无效，应为四位年份 (year must be a 4-digit year)`);
  return n;
}

export function splitList(v: string): string[] {
  return v
    .split(/[；;,，|\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
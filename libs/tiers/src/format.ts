/**
 * Display strings for criterion values. People read these in Chinese units (万元, %, 年, 件), so
 * the evaluator never shows raw yuan or fractions.
 */

/** How a metric's number is shown. */
export type Unit =
  /** Money in whole yuan, shown in 万元. */
  | 'yuan'
  /** A fraction (0.05), shown as a percentage. */
  | 'ratio'
  /** Already a percentage (12.5 = 12.5 %). */
  | 'percent'
  | 'years'
  /** IP items. */
  | 'items'
  /** Checklist items (质量管理). */
  | 'entries'
  | 'people'
  | 'points'
  /** An ordinal with display names (IP class, R&D institution level…). */
  | 'level'
  | 'bool';

/**
 * Up to `digits` decimals, trailing zeros dropped, thousands separated ("1,234.5"). Hand-rolled:
 * Intl.NumberFormat dominated the evaluator's profile.
 */
function num(value: number, digits: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const f = 10 ** digits;
  const k = Math.round(value * f);
  // Below 10^15 the digits of k are exactly what toFixed prints for k / f: built from them directly.
  if (k >= 1e15 || k <= -1e15) return numByToFixed(k / f, digits);
  let text = String(k < 0 ? -k : k);
  if (digits > 0) {
    if (text.length <= digits) text = '0'.repeat(digits + 1 - text.length) + text;
    const point = text.length - digits;
    let end = text.length;
    while (end > point && text.charCodeAt(end - 1) === 48 /* 0 */) end--;
    text = end > point ? `${text.slice(0, point)}.${text.slice(point, end)}` : text.slice(0, point);
  }
  if (k < 0) text = `-${text}`;
  if (k < 1000 * f && k > -1000 * f) return text;
  return group(text);
}

/** The general form of {@link num} (very large values): toFixed, trailing zeros dropped. */
function numByToFixed(rounded: number, digits: number): string {
  let text = rounded.toFixed(digits);
  if (digits > 0) {
    let end = text.length;
    while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
    if (text[end - 1] === '.') end--;
    text = text.slice(0, end);
  }
  if (text === '-0') return '0';
  if (Math.abs(rounded) < 1000) return text;
  return group(text);
}

/** Thousands separators in the integer part ("1234567.5" → "1,234,567.5"). */
function group(text: string): string {
  const neg = text.startsWith('-');
  const [int, frac] = (neg ? text.slice(1) : text).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** Decimals shown by default, in display units (万元, %, 年, 分). */
const BASE_DIGITS: Partial<Record<Unit, number>> = { yuan: 2, ratio: 2, percent: 2, years: 1, points: 2 };
/** Display units per stored unit: yuan → 万元, fraction → %. */
const SCALE: Partial<Record<Unit, number>> = { yuan: 1 / 10_000, ratio: 100 };

/**
 * The number a display would show, in stored units, with `extra` decimals beyond the default.
 * Used to add precision where default rounding would hide which side of a threshold a value is on.
 */
export function roundForDisplay(value: number, unit: Unit, extra = 0): number {
  const scale = SCALE[unit] ?? 1;
  const f = 10 ** ((BASE_DIGITS[unit] ?? 0) + extra);
  return Math.round(value * scale * f) / f / scale;
}

/** Formats a metric value; `levels` names ordinal values (index = level); `extra` adds decimals. */
export function formatValue(value: number | boolean, unit: Unit, levels?: readonly string[], extra = 0): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  const d = (BASE_DIGITS[unit] ?? 0) + extra;
  switch (unit) {
    case 'yuan':
      return `${num(value / 10_000, d)}万元`;
    case 'ratio':
      return `${num(value * 100, d)}%`;
    case 'percent':
      return `${num(value, d)}%`;
    case 'years':
      return `${num(value, d)}年`;
    case 'items':
      return `${num(value, 0)}件`;
    case 'entries':
      return `${num(value, 0)}项`;
    case 'people':
      return `${num(value, 0)}人`;
    case 'points':
      return `${num(value, d)}分`;
    case 'level':
      return levels?.[value] ?? String(value);
    case 'bool':
      return value ? '是' : '否';
  }
}

const OP_TEXT = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '' } as const;

/** "≥5%", "≤70%", "是". */
export function formatRequirement(
  op: keyof typeof OP_TEXT,
  value: number | boolean,
  unit: Unit,
  levels?: readonly string[],
): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (unit === 'level' && (op === '>=' || op === '<=')) return `${formatValue(value, unit, levels)}${op === '>=' ? '及以上' : '及以下'}`;
  return `${OP_TEXT[op]}${formatValue(value, unit, levels)}`;
}

/**
 * The one tier evaluator: reads a {@link RuleSet} (data) and a firm's {@link EnterpriseFacts} and
 * explains every criterion. Pure and synchronous; no I/O.
 *
 * Unknown facts never score silently: an indicator with missing facts is UNKNOWN and adds 0 to
 * the known score, but the verdict stays UNDETERMINED while its best case could still change it.
 */
import { bandEdges, bandPoints, compare, onEdge } from './comparison.js';
import { describeBands, joinNotes, showReading } from './criterion-text.js';
import { formatRequirement, formatValue } from './format.js';
import { METRICS, type MetricDef, type MetricId } from './metrics.js';
import { UNKNOWN_LOCAL_INDICATOR_NOTE } from './provincial-indicators.js';
import type {
  Band,
  BandsIndicator,
  BestOfIndicator,
  EvaluateOptions,
  GroupRule,
  Indicator,
  LocalIndicator,
  Mode,
  Rule,
  RuleSet,
  SwitchRule,
  ThresholdRule,
  TierRules,
} from './rule-types.js';
import type { CriterionOutcome, CriterionStatus, EnterpriseFacts, PassPath, TierOutcome } from './tier-types.js';

// 2.0.0 (issue 15): claimed titles marked and not counted for others (§8.10); re-review pending keeps a title;
// re-reviews judged by the rules in force on the expiry, with the campaign table (§8.4); platform score of the
// assessment year (§8.9); 2026 小巨人 field = 六基 or key chain link (§8.7); 近3年 = 36 months (§8.8);
// the title under re-review meets its own prerequisite (§8.3); notes cite the official texts.
/** Stored with every assessment; bump when evaluation semantics change. */
export const EVALUATOR_VERSION = '2.0.0';

/** Used when no provincial 特色化 points are configured (DOMAIN.md §8.5): the 15 points are UNKNOWN. */
export const DEFAULT_LOCAL_INDICATOR_NOTE = UNKNOWN_LOCAL_INDICATOR_NOTE;

/** The `missingData` entry for the provincial 特色化 points. */
export const LOCAL_INDICATORS_FACT = 'localIndicators';

interface Result {
  status: CriterionStatus;
  /** Facts that would settle an open result. */
  missing: string[];
  path?: PassPath;
}

const metricDef = (id: MetricId): MetricDef => METRICS[id] as MetricDef;

/** Known points and best-case points of one band table. */
function scoreBands(facts: EnterpriseFacts, metric: MetricId, bands: readonly Band[]) {
  const def = metricDef(metric);
  const reading = def.read(facts);
  const maxBand = Math.max(...bands.map((b) => b.points));
  if (reading.lo === undefined || reading.hi === undefined) return { def, reading, lo: undefined, hi: maxBand };
  const a = bandPoints(bands, reading.lo);
  const b = bandPoints(bands, reading.hi);
  return { def, reading, lo: Math.min(a, b), hi: Math.max(a, b) };
}

interface TableState {
  score: number;
  best: number;
  missing: string[];
  categories: Map<string, { score: number; best: number; missing: string[] }>;
}

/** Copies only the present fields, so stored criteria carry no `undefined` keys. */
function clean(c: CriterionOutcome): CriterionOutcome {
  const out: CriterionOutcome = { code: c.code, label: c.label, status: c.status };
  if (c.actual !== undefined) out.actual = c.actual;
  if (c.required !== undefined) out.required = c.required;
  if (c.points !== undefined) out.points = c.points;
  if (c.maxPoints !== undefined) out.maxPoints = c.maxPoints;
  if (c.note !== undefined) out.note = c.note;
  return out;
}

/** Evaluates one tier; criteria are collected in rule order. */
class TierRun {
  readonly criteria: CriterionOutcome[] = [];
  readonly missing = new Set<string>();
  table?: TableState;

  constructor(
    readonly ruleSet: RuleSet,
    readonly facts: EnterpriseFacts,
    readonly mode: Mode,
    readonly options: EvaluateOptions,
  ) {}

  /** Lists a criterion; returns its slot so groups can fill in their status after their items. */
  private emit(c: CriterionOutcome, missing: readonly string[]): number {
    if (c.status === 'UNKNOWN' || c.status === 'PENDING') for (const m of missing) this.missing.add(m);
    return this.criteria.push(clean(c)) - 1;
  }

  scoreTable(tier: TierRules): void {
    const table = tier.table;
    if (!table) return;
    const state: TableState = { score: 0, best: 0, missing: [], categories: new Map() };
    for (const c of table.categories) state.categories.set(c.id, { score: 0, best: 0, missing: [] });
    for (const ind of table.indicators) {
      if (ind.modes && !ind.modes.includes(this.mode)) continue;
      const { lo, hi, missing } = this.indicator(ind);
      const cat = state.categories.get(ind.category);
      if (!cat) throw new Error(`${this.ruleSet.id}: indicator ${ind.code} has unknown category ${ind.category}`);
      for (const s of [state, cat]) {
        s.score += lo ?? 0;
        s.best += hi;
        if (hi > (lo ?? 0)) s.missing.push(...missing);
      }
    }
    this.table = state;
  }

  private indicator(ind: Indicator): { lo?: number; hi: number; missing: string[] } {
    switch (ind.kind) {
      case 'bands':
        return this.bandsIndicator(ind);
      case 'bestOf':
        return this.bestOfIndicator(ind);
      case 'local':
        return this.localIndicator(ind);
    }
  }

  private settle(ind: Indicator, lo: number | undefined, hi: number, actual: string | undefined, required: string,
    missing: string[], ...notes: Array<string | undefined | false>) {
    const open = lo === undefined || hi > lo;
    this.emit(
      {
        code: ind.code,
        label: ind.label,
        status: open ? 'UNKNOWN' : lo > 0 ? 'MET' : 'UNMET',
        actual,
        required,
        points: lo,
        maxPoints: ind.maxPoints,
        note: joinNotes(ind.note, ...notes, lo !== undefined && open && `已知至少${lo}分，补充数据后最多可得${hi}分`),
      },
      missing,
    );
    return { lo, hi, missing };
  }

  private bandsIndicator(ind: BandsIndicator) {
    const { def, reading, lo, hi } = scoreBands(this.facts, ind.metric, ind.bands);
    const edge = reading.lo === reading.hi && onEdge(def.unit, ind.bands, reading.lo) && this.ruleSet.boundaryNote;
    return this.settle(ind, lo, hi, showReading(def, reading, bandEdges(ind.bands)), describeBands(def, ind.bands), reading.missing, edge);
  }

  private bestOfIndicator(ind: BestOfIndicator) {
    const parts = ind.options.map((o) => scoreBands(this.facts, o.metric, o.bands));
    const known = parts.filter((p) => p.lo !== undefined).map((p) => p.lo as number);
    const lo = known.length ? Math.max(...known) : undefined;
    const hi = Math.min(ind.maxPoints, Math.max(...parts.map((p) => p.hi)));
    const actual = parts
      .map((p, i) => showReading(p.def, p.reading, bandEdges(ind.options[i].bands)))
      .filter(Boolean)
      .join('；');
    const edge = parts.some((p) => p.reading.lo === p.reading.hi && onEdge(p.def.unit, ind.options[parts.indexOf(p)].bands, p.reading.lo));
    const required = ind.options.map((o) => describeBands(metricDef(o.metric), o.bands)).join(' 或 ');
    const missing = parts.filter((p) => p.hi > (p.lo ?? -1)).flatMap((p) => p.reading.missing);
    return this.settle(ind, lo, hi, actual || undefined, required, missing, edge && this.ruleSet.boundaryNote);
  }

  /**
   * Provincial 特色化 points. Configured (`localIndicatorPoints`): its points, or UNKNOWN when it
   * returns undefined. Not configured (Zhejiang, §8.5): UNKNOWN, never 0; the fact is named in
   * `missingData` only through the score criterion, i.e. only when these points could change the verdict.
   */
  private localIndicator(ind: LocalIndicator) {
    const fn = this.options.localIndicatorPoints;
    const raw = fn ? fn(this.facts) : undefined;
    const lo = raw === undefined ? undefined : Math.min(ind.maxPoints, Math.max(0, raw));
    const note = this.options.localIndicatorNote ?? (fn ? '按省级特色化指标配置计分' : (ind.note ?? DEFAULT_LOCAL_INDICATOR_NOTE));
    const actual = lo === undefined ? undefined : `${lo}分`;
    const missing = lo === undefined ? [LOCAL_INDICATORS_FACT] : [];
    if (fn) return this.settle({ ...ind, note: undefined }, lo, lo ?? ind.maxPoints, actual, `0–${ind.maxPoints}分（省定）`, missing, note);
    this.emit({ code: ind.code, label: ind.label, status: 'UNKNOWN', required: `0–${ind.maxPoints}分（省定）`, maxPoints: ind.maxPoints, note }, []);
    return { lo, hi: ind.maxPoints, missing };
  }

  /** Three-valued evaluation of a rule; `emit` is false for exemptions, which only add a note. */
  rule(r: Rule, emit: boolean): Result | undefined {
    if (r.modes && !r.modes.includes(this.mode)) return undefined;
    let result: Result;
    switch (r.kind) {
      case 'allOf':
      case 'anyOf':
        return this.group(r, emit);
      case 'switch':
        return this.switchRule(r, emit);
      case 'threshold':
        result = this.threshold(r, emit);
        break;
      case 'score':
      case 'categoryScore': {
        const t = this.table;
        const s = r.kind === 'score' ? t : t?.categories.get(r.category);
        if (!s) throw new Error(`${this.ruleSet.id}: ${r.code} needs a score table`);
        const status = compare(s.score, '>=', r.min) ? 'MET' : s.best < r.min ? 'UNMET' : 'UNKNOWN';
        const open = s.best > s.score;
        result = { status, missing: status === 'UNKNOWN' ? [...new Set(s.missing)] : [] };
        if (emit) {
          const actual = `${formatValue(s.score, 'points')}${open ? `（未知项最多可再得${formatValue(s.best - s.score, 'points')}）` : ''}`;
          this.emit({ code: r.code, label: r.label, status, actual, required: `≥${r.min}分`, note: r.note }, result.missing);
        }
        break;
      }
      case 'info': {
        const def = metricDef(r.metric);
        const reading = def.read(this.facts);
        const status = reading.lo === undefined ? 'UNKNOWN' : 'MET';
        if (emit) this.emit({ code: r.code, label: r.label, status, actual: showReading(def, reading), note: r.note }, reading.missing);
        // Informational: it never decides the verdict.
        return { status: 'MET', missing: [] };
      }
    }
    return result.status === 'MET' && r.path ? { ...result, path: r.path } : result;
  }

  private threshold(r: ThresholdRule, emit: boolean): Result {
    const def = metricDef(r.metric);
    const reading = def.read(this.facts);
    let status: CriterionStatus;
    let missing = reading.missing;
    if (reading.lo === undefined || reading.hi === undefined) status = r.pendingWhenUnknown ? 'PENDING' : 'UNKNOWN';
    else {
      const a = compare(reading.lo, r.op, r.value);
      const b = compare(reading.hi, r.op, r.value);
      status = a && b ? 'MET' : !a && !b ? 'UNMET' : r.pendingWhenUnknown ? 'PENDING' : 'UNKNOWN';
    }
    let exemptNote: string | undefined;
    if (status !== 'MET' && r.exemptions?.length) {
      const outcomes = r.exemptions.map((e) => ({ e, res: this.rule(e.when, false) }));
      const hit = outcomes.find((o) => o.res?.status === 'MET');
      if (hit) {
        status = 'MET';
        missing = [];
        exemptNote = `未达标准但适用豁免：${hit.e.label}`;
      } else {
        const open = outcomes.filter((o) => o.res && o.res.status !== 'UNMET');
        if (open.length) {
          missing = [...(status === 'UNMET' ? [] : missing), ...open.flatMap((o) => o.res?.missing ?? [])];
          status = status === 'UNMET' ? 'UNKNOWN' : status;
        }
      }
    }
    if (emit) {
      this.emit(
        {
          code: r.code,
          label: r.label,
          status,
          actual: showReading(def, reading, typeof r.value === 'number' ? [r.value] : []),
          required: r.requiredText ?? formatRequirement(r.op, r.value, def.unit, def.levels),
          note: joinNotes(r.note, exemptNote),
        },
        missing,
      );
    }
    return { status, missing: status === 'MET' || status === 'UNMET' ? [] : missing };
  }

  private group(g: GroupRule, emit: boolean): Result {
    const slot = emit && g.code ? this.emit({ code: g.code, label: g.label ?? g.code, status: 'UNKNOWN' }, []) : -1;
    const results = g.items.map((i) => this.rule(i, emit)).filter((x): x is Result => x !== undefined);
    const has = (s: CriterionStatus) => results.some((x) => x.status === s);
    let status: CriterionStatus;
    let path: PassPath | undefined;
    if (g.kind === 'allOf') {
      status = has('UNMET') ? 'UNMET' : has('UNKNOWN') ? 'UNKNOWN' : has('PENDING') ? 'PENDING' : 'MET';
      path = results.find((x) => x.path)?.path;
    } else {
      const met = results.find((x) => x.status === 'MET');
      status = met ? 'MET' : has('UNKNOWN') ? 'UNKNOWN' : has('PENDING') ? 'PENDING' : 'UNMET';
      path = met?.path;
    }
    const missing = status === 'MET' || status === 'UNMET' ? [] : results.flatMap((x) => x.missing);
    if (slot >= 0) {
      const metCount = results.filter((x) => x.status === 'MET').length;
      this.criteria[slot] = clean({
        code: g.code as string,
        label: g.label ?? (g.code as string),
        status,
        actual: `${metCount}/${results.length}项满足`,
        required: g.kind === 'allOf' ? '全部满足' : '满足其一',
        note: g.note,
      });
    }
    return { status, missing, path: status === 'MET' ? (g.path ?? path) : undefined };
  }

  private switchRule(r: SwitchRule, emit: boolean): Result {
    const def = metricDef(r.metric);
    const reading = def.read(this.facts);
    const pick = (v: number | boolean | undefined) =>
      typeof v === 'number' ? r.cases.find((c) => c.min === undefined || compare(v, '>=', c.min)) : undefined;
    const chosen = pick(reading.lo);
    const caseEdges = r.cases.flatMap((c) => (c.min === undefined ? [] : [c.min]));
    const base: CriterionOutcome = {
      code: r.code,
      label: r.label,
      status: 'UNKNOWN',
      required: r.cases.map((c) => c.label).join(' / '),
      note: r.note,
    };
    if (!chosen || chosen !== pick(reading.hi)) {
      if (emit) this.emit({ ...base, actual: showReading(def, reading, caseEdges) }, reading.missing);
      return { status: 'UNKNOWN', missing: reading.missing };
    }
    const slot = emit ? this.emit(base, []) : -1;
    const res = this.rule(chosen.then, emit) ?? { status: 'MET', missing: [] };
    if (slot >= 0) {
      this.criteria[slot] = clean({ ...base, status: res.status, actual: `${showReading(def, reading, caseEdges)} → ${chosen.label}` });
    }
    return res;
  }
}

/** Evaluates one tier of a rule set. */
export function evaluateTier(ruleSet: RuleSet, tier: TierRules, facts: EnterpriseFacts, options: EvaluateOptions = {}): TierOutcome {
  const run = new TierRun(ruleSet, facts, options.mode ?? 'NEW', options);
  run.scoreTable(tier);
  const root = run.rule(tier.requires, true) ?? { status: 'MET', missing: [] };
  const eligible = root.status === 'MET';
  const outcome: TierOutcome = {
    tier: tier.tier,
    ruleSet: ruleSet.id,
    eligible,
    verdict: eligible ? 'ELIGIBLE' : root.status === 'UNMET' ? 'NOT_ELIGIBLE' : 'UNDETERMINED',
    criteria: run.criteria,
    // The provincial 特色化 points are no fact the firm can supply: named only while they could change the verdict (§8.5).
    missingData: [...run.missing].filter((m) => m !== LOCAL_INDICATORS_FACT || root.status === 'UNKNOWN' || root.status === 'PENDING'),
  };
  if (tier.table && run.table) {
    outcome.score = run.table.score;
    outcome.maxScore = tier.table.maxScore;
  }
  if (eligible) outcome.passedBy = root.path ?? tier.defaultPath;
  return outcome;
}

/**
 * Evaluates a firm against every tier of a rule set, one {@link TierOutcome} per tier in the
 * rule set's order. `options.mode` selects new-application or re-review rules.
 */
export function evaluateTiers(ruleSet: RuleSet, facts: EnterpriseFacts, options: EvaluateOptions = {}): TierOutcome[] {
  return ruleSet.tiers.map((tier) => evaluateTier(ruleSet, tier, facts, options));
}

/** Same as {@link evaluateTiers}; the name the re-review callers use. */
export const evaluate = evaluateTiers;

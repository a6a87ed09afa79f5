/**
 * The one tier evaluator: reads a {@link RuleSet} (data) and a firm's {@link EnterpriseFacts} and
 * explains every criterion. Pure and synchronous; no I/O.
 *
 * Unknown facts never score silently: an indicator with missing facts is UNKNOWN and adds 0 to
 * the known score, but the verdict stays UNDETERMINED while its best case could still change it.
 *
 * Speed (ADR 0044): a rule set is compiled once per tier and mode into a tree of nodes that hold
 * every text that does not depend on the firm (requirements, band summaries, notes, "n/m项满足");
 * an evaluation reads each metric once per firm and rule set (the three tiers share the readings),
 * formats each shown value once, and passes statuses up the tree as small integers. Only the
 * criteria the verdict returns are allocated.
 */
import { bandEdges, bandPoints, compare, onEdge } from './comparison.js';
import { describeBands, joinNotes, showReading } from './criterion-text.js';
import { formatRequirement, formatValue } from './format.js';
import { METRICS, type MetricDef, type MetricId, type Reading } from './metrics.js';
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
// (ADR 0044 compiled the evaluator without changing a verdict: the version stays.)
/** Stored with every assessment; bump when evaluation semantics change. */
export const EVALUATOR_VERSION = '2.0.0';

/** Used when no provincial 特色化 points are configured (DOMAIN.md §8.5): the 15 points are UNKNOWN. */
export const DEFAULT_LOCAL_INDICATOR_NOTE = UNKNOWN_LOCAL_INDICATOR_NOTE;

/** The `missingData` entry for the provincial 特色化 points. */
export const LOCAL_INDICATORS_FACT = 'localIndicators';

// ---------------------------------------------------------------------------------------------
// Results as small integers: status in the low two bits, the pass path above them.

const MET = 0;
const UNMET = 1;
const UNKNOWN = 2;
const PENDING = 3;
const STATUS: readonly CriterionStatus[] = ['MET', 'UNMET', 'UNKNOWN', 'PENDING'];
const PATHS: ReadonlyArray<PassPath | undefined> = [undefined, 'SCORE', 'DIRECT', 'CONDITIONS'];
const pathCode = (p: PassPath | undefined): number => (p === undefined ? 0 : PATHS.indexOf(p) << 2);
const statusOf = (code: number): number => code & 3;
const isOpen = (status: number): boolean => status >= UNKNOWN;
const NONE: readonly string[] = [];

// ---------------------------------------------------------------------------------------------
// Metrics: one index per id, so a firm's readings live in an array.

const METRIC_IDS = Object.keys(METRICS) as MetricId[];
const METRIC_INDEX = new Map<MetricId, number>(METRIC_IDS.map((id, i) => [id, i]));

interface MetricRef {
  index: number;
  def: MetricDef;
}

function metricRef(id: MetricId): MetricRef {
  const index = METRIC_INDEX.get(id);
  if (index === undefined) throw new Error(`unknown metric ${id}`);
  return { index, def: METRICS[id] as MetricDef };
}

/**
 * A shown value depends on the reading and the edges it is shown against; each (metric, edges)
 * pair gets a slot, so one firm's value is formatted once however many criteria show it.
 */
const SHOWN_SLOTS = new Map<string, number>();
function shownSlot(metric: MetricRef, edges: readonly number[]): number {
  const key = `${metric.index}|${edges.join(',')}`;
  let slot = SHOWN_SLOTS.get(key);
  if (slot === undefined) {
    slot = SHOWN_SLOTS.size;
    SHOWN_SLOTS.set(key, slot);
  }
  return slot;
}
const NOT_SHOWN = Symbol('not shown');

/** One firm under one rule set: its readings and shown values, shared by the tiers. */
class FirmContext {
  private readonly readings: Array<Reading | undefined> = new Array(METRIC_IDS.length);
  private readonly shown: Array<string | typeof NOT_SHOWN | undefined> = [];

  constructor(
    readonly facts: EnterpriseFacts,
    readonly options: EvaluateOptions,
  ) {}

  read(m: MetricRef): Reading {
    let r = this.readings[m.index];
    if (r === undefined) {
      r = m.def.read(this.facts);
      this.readings[m.index] = r;
    }
    return r;
  }

  /** {@link showReading} of a metric against edges, formatted once per firm. */
  show(m: MetricRef, edges: readonly number[], slot: number): string | undefined {
    const cached = this.shown[slot];
    if (cached !== undefined) return cached === NOT_SHOWN ? undefined : cached;
    const text = showReading(m.def, this.read(m), edges);
    this.shown[slot] = text === undefined ? NOT_SHOWN : text;
    return text;
  }
}

/** Copies only the present fields, so stored criteria carry no `undefined` keys (key order as always). */
function criterion(
  code: string,
  label: string,
  status: number,
  actual: string | undefined,
  required: string | undefined,
  points: number | undefined,
  maxPoints: number | undefined,
  note: string | undefined,
): CriterionOutcome {
  const out: CriterionOutcome = { code, label, status: STATUS[status]! };
  if (actual !== undefined) out.actual = actual;
  if (required !== undefined) out.required = required;
  if (points !== undefined) out.points = points;
  if (maxPoints !== undefined) out.maxPoints = maxPoints;
  if (note !== undefined) out.note = note;
  return out;
}

/** Evaluates one tier; criteria are collected in rule order. */
class TierRun {
  readonly criteria: Array<CriterionOutcome | undefined> = [];
  /** `missingData` in the order the facts were first named. */
  readonly missing: string[] = [];
  /** Score table totals: index 0 the table, 1.. the categories. */
  score: number[] = [];
  best: number[] = [];
  /** Per table indicator: its best case exceeds its known points, and the facts it names. */
  indicatorOpen: boolean[] = [];
  indicatorMissing: Array<readonly string[]> = [];

  constructor(
    readonly firm: FirmContext,
    readonly compiled: CompiledTier,
  ) {}

  /** Lists a criterion; returns its slot so groups can fill in their status after their items. */
  emit(c: CriterionOutcome | undefined, status: number, missing: readonly string[]): number {
    if (isOpen(status)) this.name(missing);
    return this.criteria.push(c) - 1;
  }

  name(missing: readonly string[]): void {
    for (let i = 0; i < missing.length; i++) if (!this.missing.includes(missing[i]!)) this.missing.push(missing[i]!);
  }

  /** Facts named by the open indicators of the table (0) or a category (1..), each once, in order. */
  tableMissing(index: number): string[] {
    const out: string[] = [];
    const inds = this.compiled.indicators;
    for (let i = 0; i < inds.length; i++) {
      if (!this.indicatorOpen[i] || (index > 0 && inds[i]!.category !== index)) continue;
      for (const m of this.indicatorMissing[i]!) if (!out.includes(m)) out.push(m);
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Compiled table indicators.

interface IndicatorResult {
  lo: number | undefined;
  hi: number;
  missing: readonly string[];
}

abstract class CompiledIndicator {
  /** 1-based category index; 0 when the category is unknown (an error when evaluated). */
  category = 0;
  constructor(
    readonly ind: Indicator,
    readonly ruleSet: RuleSet,
  ) {}
  abstract evaluate(t: TierRun): IndicatorResult;

  /** Notes of a band or best-of indicator, without and with the boundary note (texts fixed per rule set). */
  protected notes(): [string | undefined, string | undefined] {
    return [joinNotes(this.ind.note), joinNotes(this.ind.note, this.ruleSet.boundaryNote)];
  }

  /** Emits the criterion of a scored indicator ("settle"); `note` is its joined note. */
  protected settle(t: TierRun, lo: number | undefined, hi: number, actual: string | undefined, required: string,
    missing: readonly string[], note: string | undefined, maxPoints: number): IndicatorResult {
    const open = lo === undefined || hi > lo;
    const status = open ? UNKNOWN : lo > 0 ? MET : UNMET;
    const text = lo !== undefined && open ? joinNotes(note, `已知至少${lo}分，补充数据后最多可得${hi}分`) : note;
    t.emit(criterion(this.ind.code, this.ind.label, status, actual, required, lo, maxPoints, text), status, missing);
    return { lo, hi, missing };
  }
}

interface BandTable {
  metric: MetricRef;
  bands: readonly Band[];
  edges: readonly number[];
  slot: number;
  maxBand: number;
  /** The unit shows where 以上/以下 matters (money, ratio). */
  edgeUnit: boolean;
}

function bandTable(metric: MetricId, bands: readonly Band[]): BandTable {
  const m = metricRef(metric);
  const edges = bandEdges(bands);
  return {
    metric: m,
    bands,
    edges,
    slot: shownSlot(m, edges),
    maxBand: Math.max(...bands.map((b) => b.points)),
    edgeUnit: m.def.unit === 'ratio' || m.def.unit === 'yuan',
  };
}

/** Known and best-case points of one band table for a reading. */
function bandScore(b: BandTable, r: Reading): { lo: number | undefined; hi: number } {
  if (r.lo === undefined || r.hi === undefined) return { lo: undefined, hi: b.maxBand };
  const x = bandPoints(b.bands, r.lo);
  const y = bandPoints(b.bands, r.hi);
  return { lo: Math.min(x, y), hi: Math.max(x, y) };
}

const onBandEdge = (b: BandTable, r: Reading): boolean => r.lo === r.hi && b.edgeUnit && onEdge(b.metric.def.unit, b.bands, r.lo);

class CompiledBands extends CompiledIndicator {
  private readonly table: BandTable;
  private readonly required: string;
  private readonly note: [string | undefined, string | undefined];

  constructor(
    override readonly ind: BandsIndicator,
    ruleSet: RuleSet,
  ) {
    super(ind, ruleSet);
    this.table = bandTable(ind.metric, ind.bands);
    this.required = describeBands(this.table.metric.def, ind.bands);
    this.note = this.notes();
  }

  evaluate(t: TierRun): IndicatorResult {
    const reading = t.firm.read(this.table.metric);
    const { lo, hi } = bandScore(this.table, reading);
    const note = this.note[onBandEdge(this.table, reading) ? 1 : 0];
    const actual = t.firm.show(this.table.metric, this.table.edges, this.table.slot);
    return this.settle(t, lo, hi, actual, this.required, reading.missing, note, this.ind.maxPoints);
  }
}

class CompiledBestOf extends CompiledIndicator {
  private readonly tables: BandTable[];
  private readonly required: string;
  private readonly note: [string | undefined, string | undefined];

  constructor(
    override readonly ind: BestOfIndicator,
    ruleSet: RuleSet,
  ) {
    super(ind, ruleSet);
    this.tables = ind.options.map((o) => bandTable(o.metric, o.bands));
    this.required = ind.options.map((o) => describeBands(METRICS[o.metric] as MetricDef, o.bands)).join(' 或 ');
    this.note = this.notes();
  }

  evaluate(t: TierRun): IndicatorResult {
    let lo: number | undefined;
    let hiMax = Number.NEGATIVE_INFINITY;
    let actual = '';
    let edge = false;
    let missing: string[] | undefined;
    for (const b of this.tables) {
      const reading = t.firm.read(b.metric);
      const p = bandScore(b, reading);
      if (p.lo !== undefined && (lo === undefined || p.lo > lo)) lo = p.lo;
      if (p.hi > hiMax) hiMax = p.hi;
      const shown = t.firm.show(b.metric, b.edges, b.slot);
      if (shown) actual = actual ? `${actual}；${shown}` : shown;
      if (!edge && onBandEdge(b, reading)) edge = true;
      if (p.hi > (p.lo ?? -1) && reading.missing.length) (missing ??= []).push(...reading.missing);
    }
    const hi = Math.min(this.ind.maxPoints, hiMax);
    return this.settle(t, lo, hi, actual || undefined, this.required, missing ?? NONE, this.note[edge ? 1 : 0], this.ind.maxPoints);
  }
}

const LOCAL_MISSING: readonly string[] = [LOCAL_INDICATORS_FACT];

/**
 * Provincial 特色化 points. Configured (`localIndicatorPoints`): its points, or UNKNOWN when it
 * returns undefined. Not configured (Zhejiang, §8.5): UNKNOWN, never 0; the fact is named in
 * `missingData` only through the score criterion, i.e. only when these points could change the verdict.
 */
class CompiledLocal extends CompiledIndicator {
  private readonly required: string;

  constructor(
    override readonly ind: LocalIndicator,
    ruleSet: RuleSet,
  ) {
    super(ind, ruleSet);
    this.required = `0–${ind.maxPoints}分（省定）`;
  }

  evaluate(t: TierRun): IndicatorResult {
    const { options, facts } = t.firm;
    const fn = options.localIndicatorPoints;
    const raw = fn ? fn(facts) : undefined;
    const lo = raw === undefined ? undefined : Math.min(this.ind.maxPoints, Math.max(0, raw));
    const note = options.localIndicatorNote ?? (fn ? '按省级特色化指标配置计分' : (this.ind.note ?? DEFAULT_LOCAL_INDICATOR_NOTE));
    const missing = lo === undefined ? LOCAL_MISSING : NONE;
    if (fn) return this.settle(t, lo, lo ?? this.ind.maxPoints, lo === undefined ? undefined : `${lo}分`, this.required, missing, joinNotes(note), this.ind.maxPoints);
    t.emit(criterion(this.ind.code, this.ind.label, UNKNOWN, undefined, this.required, undefined, this.ind.maxPoints, note), UNKNOWN, NONE);
    return { lo, hi: this.ind.maxPoints, missing };
  }
}

// ---------------------------------------------------------------------------------------------
// Compiled rules. `run` returns status | path << 2. With `emit` false (exemptions) nothing is
// listed and the facts that would settle an open result are pushed to `out`.

abstract class Node {
  abstract run(t: TierRun, emit: boolean, out: string[] | null): number;
}

/** A rule's result when MET: its own path tag (leaf rules and score rules). */
const metWith = (status: number, path: number): number => (status === MET ? status | path : status);

class ThresholdNode extends Node {
  private readonly metric: MetricRef;
  private readonly edges: readonly number[];
  private readonly slot: number;
  private readonly required: string;
  private readonly note: string | undefined;
  private readonly exemptions: ReadonlyArray<{ node: Node | undefined; note: string | undefined }>;
  private readonly path: number;

  constructor(
    readonly r: ThresholdRule,
    cx: Compiling,
  ) {
    super();
    this.metric = metricRef(r.metric);
    const def = this.metric.def;
    this.edges = typeof r.value === 'number' ? [r.value] : [];
    this.slot = shownSlot(this.metric, this.edges);
    this.required = r.requiredText ?? formatRequirement(r.op, r.value, def.unit, def.levels);
    this.note = joinNotes(r.note);
    this.exemptions = (r.exemptions ?? []).map((e) => ({ node: compileRule(e.when, cx), note: joinNotes(r.note, `未达标准但适用豁免：${e.label}`) }));
    this.path = pathCode(r.path);
  }

  run(t: TierRun, emit: boolean, out: string[] | null): number {
    const r = this.r;
    const reading = t.firm.read(this.metric);
    let status: number;
    let missing: readonly string[] = reading.missing;
    if (reading.lo === undefined || reading.hi === undefined) status = r.pendingWhenUnknown ? PENDING : UNKNOWN;
    else {
      const a = compare(reading.lo, r.op, r.value);
      const b = compare(reading.hi, r.op, r.value);
      status = a && b ? MET : !a && !b ? UNMET : r.pendingWhenUnknown ? PENDING : UNKNOWN;
    }
    let note = this.note;
    if (status !== MET && this.exemptions.length) {
      // Every exemption is evaluated (in order), then the first met one applies.
      const results: number[] = [];
      const named: string[][] = [];
      for (const e of this.exemptions) {
        const m: string[] = [];
        results.push(e.node ? statusOf(e.node.run(t, false, m)) : -1);
        named.push(m);
      }
      const hit = results.indexOf(MET);
      if (hit >= 0) {
        status = MET;
        missing = NONE;
        note = this.exemptions[hit]!.note;
      } else if (results.some((s) => s >= 0 && s !== UNMET)) {
        const more: string[] = status === UNMET ? [] : [...missing];
        for (let i = 0; i < results.length; i++) if (results[i]! >= 0 && results[i] !== UNMET) more.push(...named[i]!);
        missing = more;
        if (status === UNMET) status = UNKNOWN;
      }
    }
    if (emit) {
      const actual = t.firm.show(this.metric, this.edges, this.slot);
      t.emit(criterion(r.code, r.label, status, actual, this.required, undefined, undefined, note), status, missing);
    } else if (out && isOpen(status)) out.push(...missing);
    return metWith(status, this.path);
  }
}

class ScoreNode extends Node {
  private readonly required: string;
  private readonly path: number;

  constructor(
    readonly code: string,
    readonly label: string,
    readonly note: string | undefined,
    readonly min: number,
    /** 0 the table total, 1.. a category, -1 none (an error when evaluated). */
    readonly index: number,
    readonly error: string,
    path: PassPath | undefined,
  ) {
    super();
    this.required = `≥${min}分`;
    this.path = pathCode(path);
  }

  run(t: TierRun, emit: boolean, out: string[] | null): number {
    if (this.index < 0) throw new Error(this.error);
    const score = t.score[this.index]!;
    const best = t.best[this.index]!;
    const status = compare(score, '>=', this.min) ? MET : best < this.min ? UNMET : UNKNOWN;
    const missing = status === UNKNOWN ? t.tableMissing(this.index) : NONE;
    if (emit) {
      const open = best > score;
      const actual = `${formatValue(score, 'points')}${open ? `（未知项最多可再得${formatValue(best - score, 'points')}）` : ''}`;
      t.emit(criterion(this.code, this.label, status, actual, this.required, undefined, undefined, this.note), status, missing);
    } else if (out) out.push(...missing);
    return metWith(status, this.path);
  }
}

class InfoNode extends Node {
  private readonly metric: MetricRef;
  private readonly slot: number;

  constructor(readonly r: Extract<Rule, { kind: 'info' }>) {
    super();
    this.metric = metricRef(r.metric);
    this.slot = shownSlot(this.metric, []);
  }

  run(t: TierRun, emit: boolean): number {
    const reading = t.firm.read(this.metric);
    if (emit) {
      const status = reading.lo === undefined ? UNKNOWN : MET;
      t.emit(criterion(this.r.code, this.r.label, status, t.firm.show(this.metric, [], this.slot), undefined, undefined, undefined, this.r.note), status, reading.missing);
    }
    // Informational: it never decides the verdict.
    return MET;
  }
}

class GroupNode extends Node {
  private readonly items: Node[];
  private readonly label: string;
  private readonly required: string;
  private readonly metTexts: string[];
  private readonly path: number;
  private readonly all: boolean;

  constructor(
    readonly g: GroupRule,
    cx: Compiling,
  ) {
    super();
    this.items = g.items.map((i) => compileRule(i, cx)).filter((x): x is Node => x !== undefined);
    this.all = g.kind === 'allOf';
    this.label = g.label ?? (g.code as string);
    this.required = this.all ? '全部满足' : '满足其一';
    this.metTexts = Array.from({ length: this.items.length + 1 }, (_, n) => `${n}/${this.items.length}项满足`);
    this.path = pathCode(g.path);
  }

  run(t: TierRun, emit: boolean, out: string[] | null): number {
    const slot = emit && this.g.code ? t.emit(undefined, UNKNOWN, NONE) : -1;
    const named: string[] | null = out ? [] : null;
    let unmet = false;
    let unknown = false;
    let pending = false;
    let met = 0;
    let firstPath = 0;
    let metPath = -1;
    for (const item of this.items) {
      const code = item.run(t, emit, named);
      const s = statusOf(code);
      if (s === MET) {
        met++;
        if (metPath < 0) metPath = code & ~3;
      } else if (s === UNMET) unmet = true;
      else if (s === UNKNOWN) unknown = true;
      else pending = true;
      if (firstPath === 0 && code & ~3) firstPath = code & ~3;
    }
    let status: number;
    let path: number;
    if (this.all) {
      status = unmet ? UNMET : unknown ? UNKNOWN : pending ? PENDING : MET;
      path = firstPath;
    } else {
      status = met > 0 ? MET : unknown ? UNKNOWN : pending ? PENDING : UNMET;
      path = metPath < 0 ? 0 : metPath;
    }
    if (out && named && isOpen(status)) out.push(...named);
    if (slot >= 0) t.criteria[slot] = criterion(this.g.code as string, this.label, status, this.metTexts[met], this.required, undefined, undefined, this.g.note);
    return status === MET ? status | (this.path || path) : status;
  }
}

class SwitchNode extends Node {
  private readonly metric: MetricRef;
  private readonly caseEdges: readonly number[];
  private readonly slot: number;
  private readonly required: string;
  private readonly cases: ReadonlyArray<{ min?: number; label: string; then: Node | undefined }>;

  constructor(
    readonly r: SwitchRule,
    cx: Compiling,
  ) {
    super();
    this.metric = metricRef(r.metric);
    this.caseEdges = r.cases.flatMap((c) => (c.min === undefined ? [] : [c.min]));
    this.slot = shownSlot(this.metric, this.caseEdges);
    this.required = r.cases.map((c) => c.label).join(' / ');
    this.cases = r.cases.map((c) => ({ min: c.min, label: c.label, then: compileRule(c.then, cx) }));
  }

  private pick(v: number | boolean | undefined): number {
    if (typeof v !== 'number') return -1;
    for (let i = 0; i < this.cases.length; i++) {
      const min = this.cases[i]!.min;
      if (min === undefined || compare(v, '>=', min)) return i;
    }
    return -1;
  }

  run(t: TierRun, emit: boolean, out: string[] | null): number {
    const reading = t.firm.read(this.metric);
    const chosen = this.pick(reading.lo);
    if (chosen < 0 || chosen !== this.pick(reading.hi)) {
      if (emit) {
        const actual = t.firm.show(this.metric, this.caseEdges, this.slot);
        t.emit(criterion(this.r.code, this.r.label, UNKNOWN, actual, this.required, undefined, undefined, this.r.note), UNKNOWN, reading.missing);
      } else if (out) out.push(...reading.missing);
      return UNKNOWN;
    }
    const slot = emit ? t.emit(undefined, UNKNOWN, NONE) : -1;
    const then = this.cases[chosen]!.then;
    const res = then ? then.run(t, emit, out) : MET;
    if (slot >= 0) {
      const actual = `${t.firm.show(this.metric, this.caseEdges, this.slot)} → ${this.cases[chosen]!.label}`;
      t.criteria[slot] = criterion(this.r.code, this.r.label, statusOf(res), actual, this.required, undefined, undefined, this.r.note);
    }
    return res;
  }
}

// ---------------------------------------------------------------------------------------------
// Compilation, once per rule set, tier and mode.

interface CompiledTier {
  tier: TierRules;
  /** Indicators of the mode, each with its 1-based category index. */
  indicators: CompiledIndicator[];
  categoryCount: number;
  root: Node | undefined;
}

/** What compiling a tier's rules needs: the mode, the rule set (for messages) and the tier (its score table). */
interface Compiling {
  mode: string;
  ruleSet: RuleSet;
  tier: TierRules;
}

/** The rule as evaluated in `cx.mode`; undefined when it does not apply in that mode. */
function compileRule(r: Rule, cx: Compiling): Node | undefined {
  if (r.modes && !r.modes.includes(cx.mode as Mode)) return undefined;
  switch (r.kind) {
    case 'allOf':
    case 'anyOf':
      return new GroupNode(r, cx);
    case 'switch':
      return new SwitchNode(r, cx);
    case 'threshold':
      return new ThresholdNode(r, cx);
    case 'info':
      return new InfoNode(r);
    case 'score':
    case 'categoryScore': {
      // A score rule without its table (or category) fails when evaluated, as it always did.
      const table = cx.tier.table;
      const index = !table ? -1 : r.kind === 'score' ? 0 : table.categories.findIndex((c) => c.id === r.category) + 1 || -1;
      return new ScoreNode(r.code, r.label, r.note, r.min, index, `${cx.ruleSet.id}: ${r.code} needs a score table`, r.path);
    }
  }
}

function compileIndicator(ind: Indicator, ruleSet: RuleSet): CompiledIndicator {
  switch (ind.kind) {
    case 'bands':
      return new CompiledBands(ind, ruleSet);
    case 'bestOf':
      return new CompiledBestOf(ind, ruleSet);
    case 'local':
      return new CompiledLocal(ind, ruleSet);
  }
}

function compileTier(ruleSet: RuleSet, tier: TierRules, mode: string): CompiledTier {
  const table = tier.table;
  const indicators: CompiledIndicator[] = [];
  if (table) {
    for (const ind of table.indicators) {
      if (ind.modes && !ind.modes.includes(mode as Mode)) continue;
      const c = compileIndicator(ind, ruleSet);
      c.category = table.categories.findIndex((cat) => cat.id === ind.category) + 1;
      indicators.push(c);
    }
  }
  return { tier, indicators, categoryCount: table?.categories.length ?? 0, root: compileRule(tier.requires, { mode, ruleSet, tier }) };
}

const compiledTiers = new WeakMap<RuleSet, WeakMap<TierRules, Map<string, CompiledTier>>>();

function compiled(ruleSet: RuleSet, tier: TierRules, mode: string): CompiledTier {
  let byTier = compiledTiers.get(ruleSet);
  if (!byTier) compiledTiers.set(ruleSet, (byTier = new WeakMap()));
  let byMode = byTier.get(tier);
  if (!byMode) byTier.set(tier, (byMode = new Map()));
  let c = byMode.get(mode);
  if (!c) byMode.set(mode, (c = compileTier(ruleSet, tier, mode)));
  return c;
}

// ---------------------------------------------------------------------------------------------

function runTier(ruleSet: RuleSet, c: CompiledTier, firm: FirmContext): TierOutcome {
  const t = new TierRun(firm, c);
  const tier = c.tier;
  if (tier.table) {
    const n = c.categoryCount + 1;
    t.score = new Array<number>(n).fill(0);
    t.best = new Array<number>(n).fill(0);
    for (let i = 0; i < c.indicators.length; i++) {
      const ind = c.indicators[i]!;
      const { lo, hi, missing } = ind.evaluate(t);
      if (ind.category === 0) throw new Error(`${ruleSet.id}: indicator ${ind.ind.code} has unknown category ${(ind.ind as { category: string }).category}`);
      const known = lo ?? 0;
      t.score[0]! += known;
      t.best[0]! += hi;
      t.score[ind.category]! += known;
      t.best[ind.category]! += hi;
      t.indicatorOpen.push(hi > known);
      t.indicatorMissing.push(missing);
    }
  }
  const code = c.root ? c.root.run(t, true, null) : MET;
  const status = statusOf(code);
  const eligible = status === MET;
  const outcome: TierOutcome = {
    tier: tier.tier,
    ruleSet: ruleSet.id,
    eligible,
    verdict: eligible ? 'ELIGIBLE' : status === UNMET ? 'NOT_ELIGIBLE' : 'UNDETERMINED',
    criteria: t.criteria as CriterionOutcome[],
    // The provincial 特色化 points are no fact the firm can supply: named only while they could change the verdict (§8.5).
    missingData: isOpen(status) ? t.missing : t.missing.filter((m) => m !== LOCAL_INDICATORS_FACT),
  };
  if (tier.table) {
    outcome.score = t.score[0];
    outcome.maxScore = tier.table.maxScore;
  }
  if (eligible) outcome.passedBy = PATHS[code >> 2] ?? tier.defaultPath;
  return outcome;
}

/** Evaluates one tier of a rule set. */
export function evaluateTier(ruleSet: RuleSet, tier: TierRules, facts: EnterpriseFacts, options: EvaluateOptions = {}): TierOutcome {
  return runTier(ruleSet, compiled(ruleSet, tier, options.mode ?? 'NEW'), new FirmContext(facts, options));
}

/**
 * Evaluates a firm against every tier of a rule set, one {@link TierOutcome} per tier in the
 * rule set's order. `options.mode` selects new-application or re-review rules.
 */
export function evaluateTiers(ruleSet: RuleSet, facts: EnterpriseFacts, options: EvaluateOptions = {}): TierOutcome[] {
  const mode = options.mode ?? 'NEW';
  const firm = new FirmContext(facts, options);
  const out: TierOutcome[] = [];
  for (const tier of ruleSet.tiers) out.push(runTier(ruleSet, compiled(ruleSet, tier, mode), firm));
  return out;
}

/** Same as {@link evaluateTiers}; the name the re-review callers use. */
export const evaluate = evaluateTiers;

/**
 * One step of the load suite: autocannon at a fixed number of connections for a fixed time, every
 * request drawn from the Mix, latencies recorded per kind; and the knee of a series of steps.
 */
import autocannon from 'autocannon';
import os from 'node:os';
import { pct } from '../bench-kit.js';
import { KINDS, type Kind, type Mix, type PlannedRequest } from './load-mix.js';

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface StepResult {
  connections: number;
  seconds: number;
  responses: number;
  rps: number;
  all: Latency;
  perKind: Record<Kind, Latency>;
  /** Requests sent per operation (search, recommendations, listings, upsert, request, cancel). */
  sent: Record<string, number>;
  /** By category: `http 5xx`, `graphql CODE`, `timeout`, `connection`. */
  errors: Record<string, number>;
  errorRate: number;
  /** 1-minute load average when the step ended (other processes share the two cores). */
  loadAverage: number;
  /**
   * CPU ms per response of the server process(es), summed, and of their descendants (embedded
   * PostgreSQL); with several processes, per role (API, workers, and the proxy, which is not in `server`).
   */
  cpu?: { server: number; database: number; parts?: Record<string, number> };
}

const latency = (times: number[]): Latency => {
  const s = times.sort((a, b) => a - b);
  return s.length === 0 ? { n: 0, p50: NaN, p95: NaN, p99: NaN } : { n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99) };
};

/** Runs `connections` keep-alive connections for `seconds` against the GraphQL endpoint. */
export function runStep(url: string, mix: Mix, connections: number, seconds: number): Promise<StepResult> {
  const times: Record<Kind, number[]> = { search: [], recommendations: [], listings: [], mutation: [] };
  const sent: Record<string, number> = {};
  const errors: Record<string, number> = {};
  // autocannon resets a request's context before it asks for the next one, so the plan travels in
  // the context from setupRequest to onResponse; onResponse runs synchronously just before the
  // 'response' event of the same response, which hands the kind over to the latency record.
  let answered: Kind = 'search';
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections,
        duration: seconds,
        timeout: 10,
        requests: [
          {
            setupRequest: (req, context) => {
              const plan = mix.next();
              (context as { plan?: PlannedRequest }).plan = plan;
              sent[plan.op] = (sent[plan.op] ?? 0) + 1;
              return { ...req, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${plan.token}` }, body: plan.body };
            },
            onResponse: (status, body, context) => {
              const plan = (context as { plan: PlannedRequest }).plan;
              answered = plan.kind;
              const error = plan.done(status, body);
              if (error) errors[error] = (errors[error] ?? 0) + 1;
            },
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        const responses = Object.values(times).reduce((n, t) => n + t.length, 0);
        const failed = result.errors - result.timeouts; // connection errors; timeouts counted apart
        if (result.timeouts) errors.timeout = result.timeouts;
        if (failed) errors.connection = failed;
        const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
        resolve({
          connections,
          seconds,
          responses,
          rps: responses / seconds,
          all: latency(Object.values(times).flat()),
          perKind: Object.fromEntries(KINDS.map((k) => [k, latency(times[k])])) as Record<Kind, Latency>,
          sent,
          errors,
          errorRate: errorCount / Math.max(1, responses + result.errors),
          loadAverage: os.loadavg()[0]!,
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times[answered].push(ms));
  });
}

/**
 * The knee: the last step before the one where doubling the connections adds < 10 % throughput
 * (p95 then grows about as fast as the connections: the server is saturated and requests queue).
 */
export function knee(steps: StepResult[]): StepResult | undefined {
  for (let i = 0; i + 1 < steps.length; i++) if (steps[i + 1]!.rps < steps[i]!.rps * 1.1) return steps[i];
  return undefined;
}

/** ` (API 6.1 + workers 2.3; proxy 1.2)` for a setup of several processes. */
export const cpuParts = (p: Record<string, number> | undefined): string => {
  if (!p) return '';
  const servers = Object.entries(p).filter(([k]) => k !== 'proxy');
  return ` (${servers.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' + ')}${p.proxy === undefined ? '' : `; proxy ${p.proxy.toFixed(1)}`})`;
};

const ms = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(x < 10 ? 1 : 0));

export function renderSteps(steps: StepResult[]): string {
  const k = knee(steps);
  const lines = [
    '| connections | req/s | p50 ms | p95 ms | p99 ms | errors | search p95 | recommendations p95 | listings p95 | mutations p95 | sent: search / recs / listings / upsert / request / cancel | server CPU ms/req (node / its PostgreSQL) | load avg |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|',
  ];
  for (const s of steps) {
    const err = Object.keys(s.errors).length ? `${(100 * s.errorRate).toFixed(2)} % (${Object.entries(s.errors).map(([c, n]) => `${c}: ${n}`).join(', ')})` : '0';
    const sent = ['search', 'recommendations', 'listings', 'upsert', 'request', 'cancel'].map((o) => s.sent[o] ?? 0).join(' / ');
    lines.push(
      `| ${s.connections}${s === k ? ' (knee)' : ''} | ${s.rps.toFixed(0)} | ${ms(s.all.p50)} | ${ms(s.all.p95)} | ${ms(s.all.p99)} | ${err} | ` +
        `${KINDS.map((kind) => ms(s.perKind[kind].p95)).join(' | ')} | ${sent} | ${s.cpu ? `${s.cpu.server.toFixed(1)}${cpuParts(s.cpu.parts)} / ${s.cpu.database ? s.cpu.database.toFixed(1) : '–'}` : '–'} | ${s.loadAverage.toFixed(1)} |`,
    );
  }
  lines.push('', k ? `Knee: ${k.connections} connections (${k.rps.toFixed(0)} req/s, p95 ${ms(k.all.p95)} ms); beyond it throughput grows < 10 % per doubling while latency grows.` : 'Knee: not reached (throughput still grew ≥ 10 % at the last step).');
  return lines.join('\n');
}

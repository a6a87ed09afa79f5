/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON; the scenarios read the fields they asked for. */
/**
 * A GraphQL client that classifies every answer instead of throwing, so a scenario can count what
 * clients saw while a process or a server was down.
 */

export type Outcome =
  | { kind: 'ok'; data: Record<string, any> }
  /** A JSON GraphQL response with errors (the "clean error" a client can act on). */
  | { kind: 'error'; status: number; code: string; message: string }
  /** No HTTP answer at all: refused, reset, or timed out (the process is gone or unreachable). */
  | { kind: 'connection'; message: string }
  /** Anything else: a non-JSON body, a 200 without data, an error without a code. Never acceptable. */
  | { kind: 'bad'; status: number; body: string };

export async function call(url: string, query: string, variables: Record<string, any> = {}, token?: string, timeoutMs = 30_000): Promise<Outcome> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    return { kind: 'connection', message: e.cause?.code ?? e.cause?.message ?? e.message };
  }
  let body: { data?: Record<string, any> | null; errors?: Array<{ message?: string; extensions?: { code?: unknown } }> };
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: 'bad', status: res.status, body: text.slice(0, 500) };
  }
  if (body.errors?.length) {
    const first = body.errors[0]!;
    const code = first.extensions?.code;
    if (typeof code !== 'string' || typeof first.message !== 'string') return { kind: 'bad', status: res.status, body: text.slice(0, 500) };
    return { kind: 'error', status: res.status, code, message: first.message };
  }
  if (!body.data) return { kind: 'bad', status: res.status, body: text.slice(0, 500) };
  return { kind: 'ok', data: body.data };
}

/** Calls and insists on success (set-up steps, where a failure is a broken test, not a finding). */
export async function must(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Record<string, any>> {
  const out = await call(url, query, variables, token, 120_000);
  if (out.kind !== 'ok') throw new Error(`set-up call failed: ${JSON.stringify(out)}\n${query}`);
  return out.data;
}

/**
 * What an error message must not contain: a stack frame, SQL, driver or connection internals.
 * (Clients may see a 500's generic text, never the cause.)
 */
export const LEAKY = /(\bat \S+ \(|\.ts:\d+|\.js:\d+|SELECT |INSERT |UPDATE |DELETE FROM|relation "|ECONNREFUSED|ECONNRESET|terminating connection|Connection terminated|QueryFailedError|127\.0\.0\.1:\d+|postgres:\/\/|redis:\/\/)/i;

/** Counts outcomes by `ok`, `connection`, `bad` and error code, and keeps examples of the errors. */
export class Tally {
  readonly counts: Record<string, number> = {};
  readonly leaky: string[] = [];
  readonly bad: string[] = [];
  readonly samples = new Map<string, string>();
  /** Error answers by code and HTTP status (Apollo answers 500 when the context cannot be built). */
  readonly statuses: Record<string, number> = {};
  /** When each call was sent and answered, and how it ended (for recovery times and outage windows). */
  readonly timeline: Array<{ sent: number; answered: number; key: string }> = [];

  add(op: string, o: Outcome, sent = Date.now()): void {
    const key = o.kind === 'error' ? o.code : o.kind;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    this.timeline.push({ sent, answered: Date.now(), key });
    if (o.kind === 'error') {
      const byStatus = `${o.code}@HTTP${o.status}`;
      this.statuses[byStatus] = (this.statuses[byStatus] ?? 0) + 1;
      if (!this.samples.has(o.code)) this.samples.set(o.code, `${op}: HTTP ${o.status} ${o.message}`);
      if (LEAKY.test(o.message)) this.leaky.push(`${op}: ${o.message}`);
    }
    if (o.kind === 'bad') this.bad.push(`${op}: HTTP ${o.status} ${o.body}`);
  }

  /** Outcomes of the calls answered between `from` and `to`, by key. */
  between(from: number, to: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.timeline) if (e.answered >= from && e.answered <= to) out[e.key] = (out[e.key] ?? 0) + 1;
    return out;
  }

  /** Milliseconds from `since` to the first success of a call sent at or after it (undefined: none yet). */
  recoveredAfter(since: number): number | undefined {
    const first = this.timeline.filter((e) => e.key === 'ok' && e.sent >= since).sort((a, b) => a.answered - b.answered)[0];
    return first ? first.answered - since : undefined;
  }

  errorCount(): number {
    return Object.entries(this.counts)
      .filter(([k]) => k !== 'ok')
      .reduce((s, [, n]) => s + n, 0);
  }

  describe(): string {
    const lines = [`outcomes ${JSON.stringify(this.counts)}; errors by HTTP status ${JSON.stringify(this.statuses)}`];
    for (const [code, sample] of this.samples) lines.push(`  e.g. ${code} ← ${sample}`);
    return lines.join('\n');
  }
}

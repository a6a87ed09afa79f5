/**
 * Summarises a V8 .cpuprofile (node --cpu-prof) over a time window: self time by function and by
 * package/area, and inclusive time of our own functions (dist/apps, dist/libs). The window is in
 * microseconds of the monotonic clock (process.hrtime in the load generator), which is the clock
 * V8 stamps samples with on Linux, so boot and shutdown can be cut away.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  windowMs: number;
  sampledMs: number;
  /** Share of the window the process was on CPU (not idle). */
  busyShare: number;
  selfByFunction: Array<[string, number]>;
  selfByArea: Array<[string, number]>;
  inclusiveOurs: Array<[string, number]>;
}

/** `node_modules/@nestjs/core/...` → `@nestjs/core`; our dist files → `ours: libs/search`; `node:` internals. */
export function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 13).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const dist = /\/dist\/((?:apps|libs)\/[^/]+)\//.exec(url);
  if (dist) return `ours: ${dist[1]}`;
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

const label = (n: ProfileNode) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const file = url.replace(/^.*\/(node_modules|dist)\//, '').replace(/^file:\/\//, '');
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
};

export function summariseProfile(file: string, fromUs: number, toUs: number, top = 15): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const area = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let t = p.startTime;
  let sampled = 0;
  let idle = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i]!;
    if (t < fromUs || t > toUs) continue;
    // Each sample stands for the time until the next one.
    const weight = (p.timeDeltas[i + 1] ?? p.timeDeltas[i]!) / 1000;
    const node = byId.get(p.samples[i]!)!;
    sampled += weight;
    if (node.callFrame.functionName === '(idle)') {
      idle += weight;
      continue;
    }
    const key = label(node);
    self.set(key, (self.get(key) ?? 0) + weight);
    const a = areaOf(node.callFrame.url, node.callFrame.functionName);
    area.set(a, (area.get(a) ?? 0) + weight);
    // Inclusive time of our own functions: count each once per stack (recursion).
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id)!;
      if (!/\/dist\/(apps|libs)\//.test(n.callFrame.url)) continue;
      const k = label(n);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + weight);
    }
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    windowMs: (toUs - fromUs) / 1000,
    sampledMs: sampled,
    busyShare: sampled > 0 ? (sampled - idle) / sampled : 0,
    selfByFunction: sorted(self),
    selfByArea: sorted(area),
    inclusiveOurs: sorted(inclusive),
  };
}

export function renderProfile(s: ProfileSummary): string {
  const busy = s.sampledMs * s.busyShare;
  const rows = (xs: Array<[string, number]>) => xs.map(([k, v]) => `| ${k.replace(/\|/g, '\\|')} | ${v.toFixed(0)} | ${((100 * v) / busy).toFixed(1)} % |`).join('\n');
  return [
    `Server CPU profile over ${(s.windowMs / 1000).toFixed(1)} s: on CPU ${(100 * s.busyShare).toFixed(0)} % of the main thread's time (${busy.toFixed(0)} ms).`,
    '',
    '| self time by package / area | ms | share of busy |\n|---|---:|---:|',
    rows(s.selfByArea),
    '',
    '| self time by function | ms | share of busy |\n|---|---:|---:|',
    rows(s.selfByFunction),
    '',
    '| inclusive time, our code | ms | share of busy |\n|---|---:|---:|',
    rows(s.inclusiveOurs),
  ].join('\n');
}

// Standalone: node dist/test/bench/load/cpu-profile.js <file.cpuprofile> [fromUs toUs]
if (process.argv[1]?.endsWith('cpu-profile.js') && process.argv[2]) {
  console.log(renderProfile(summariseProfile(process.argv[2], Number(process.argv[3] ?? 0), Number(process.argv[4] ?? Number.MAX_SAFE_INTEGER), 25)));
}

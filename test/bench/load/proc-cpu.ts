/**
 * CPU time of the server process and of its descendants (the embedded PostgreSQL's postmaster and
 * backends), from /proc (Linux). CPU per request is what the server costs whatever else runs on
 * the machine; throughput and latency on two shared cores move with the other load.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid: number): { ppid: number; ms: number; reaped: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
    // utime + stime; cutime + cstime: the CPU of its children that have exited and been waited for.
    return { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * TICK_MS, reaped: (Number(f[13]) + Number(f[14])) * TICK_MS };
  } catch {
    return undefined; // exited meanwhile
  }
}

/** CPU milliseconds so far of `pid` alone (all its threads), or undefined when it has exited. */
export function processCpuMs(pid: number): number | undefined {
  return stat(pid)?.ms;
}

/**
 * CPU milliseconds so far of `pid` and of each of its live descendants, and the CPU of the
 * descendants' children that have exited (PostgreSQL backends of closed connections).
 */
export function cpuMs(pid: number): { self: number; descendants: Map<number, number>; reaped: number } | undefined {
  const me = stat(pid);
  if (!me) return undefined;
  const children = new Map<number, number[]>();
  const all = new Map<number, { ms: number; reaped: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (!s) continue;
    all.set(Number(name), s);
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(name)]);
  }
  const descendants = new Map<number, number>();
  let reaped = 0;
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length) {
    const p = queue.pop()!;
    descendants.set(p, all.get(p)?.ms ?? 0);
    reaped += all.get(p)?.reaped ?? 0;
    queue.push(...(children.get(p) ?? []));
  }
  return { self: me.ms, descendants, reaped };
}

/**
 * CPU ms spent between two readings: the process itself, and its descendants — those alive at both
 * readings (the difference), those started in between (all of theirs), and those that exited in
 * between (what their parent reaped, less what they had used before the first reading). Pool
 * connections open and close under load, so counting only the first kind missed most of
 * PostgreSQL's work.
 */
export function cpuDelta(before: ReturnType<typeof cpuMs>, after: ReturnType<typeof cpuMs>): { self: number; descendants: number } | undefined {
  if (!before || !after) return undefined;
  let descendants = after.reaped - before.reaped;
  for (const [pid, ms] of after.descendants) descendants += ms - (before.descendants.get(pid) ?? 0);
  for (const [pid, ms] of before.descendants) if (!after.descendants.has(pid)) descendants -= ms;
  return { self: after.self - before.self, descendants };
}

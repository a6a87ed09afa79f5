/**
 * CPU time of the server process and of its descendants (the embedded PostgreSQL's postmaster and
 * backends), from /proc (Linux). CPU per request is what the server costs whatever else runs on
 * the machine; throughput and latency on two shared cores move with the other load.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid: number): { ppid: number; ms: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
    return { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * TICK_MS }; // utime + stime
  } catch {
    return undefined; // exited meanwhile
  }
}

/** CPU milliseconds so far of `pid` alone (all its threads), or undefined when it has exited. */
export function processCpuMs(pid: number): number | undefined {
  return stat(pid)?.ms;
}

/** CPU milliseconds so far of `pid` and of each of its live descendants. */
export function cpuMs(pid: number): { self: number; descendants: Map<number, number> } | undefined {
  const me = stat(pid);
  if (!me) return undefined;
  const children = new Map<number, number[]>();
  const ms = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (!s) continue;
    ms.set(Number(name), s.ms);
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(name)]);
  }
  const descendants = new Map<number, number>();
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length) {
    const p = queue.pop()!;
    descendants.set(p, ms.get(p) ?? 0);
    queue.push(...(children.get(p) ?? []));
  }
  return { self: me.ms, descendants };
}

/**
 * CPU ms spent between two readings: the process itself, and its descendants alive at both
 * readings (a backend that exits in between takes its time with it; one that starts is missed).
 */
export function cpuDelta(before: ReturnType<typeof cpuMs>, after: ReturnType<typeof cpuMs>): { self: number; descendants: number } | undefined {
  if (!before || !after) return undefined;
  let descendants = 0;
  for (const [pid, ms] of after.descendants) if (before.descendants.has(pid)) descendants += ms - before.descendants.get(pid)!;
  return { self: after.self - before.self, descendants };
}

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

/** { self, descendants } CPU milliseconds so far; undefined where /proc is missing. */
export function cpuMs(pid: number): { self: number; descendants: number } | undefined {
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
  let descendants = 0;
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length) {
    const p = queue.pop()!;
    descendants += ms.get(p) ?? 0;
    queue.push(...(children.get(p) ?? []));
  }
  return { self: me.ms, descendants };
}

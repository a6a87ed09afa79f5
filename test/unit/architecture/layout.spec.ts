/**
 * The layout rules that lint cannot see, run as their scripts' checks (issue 16): every import from
 * outside a lib goes through its front door and the front doors export what is imported
 * (scripts/front-doors.mjs), file names carry their role (scripts/role-names.mjs), and the compiled code
 * has no import cycle between libs, which is what makes a barrel fail at boot with "Cannot access X
 * before initialization" (scripts/import-cycles.mjs, on dist/ as built by `npm test`).
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';

function run(script: string, ...args: string[]): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: process.cwd(), encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('layout', () => {
  it('front doors: no deep import of another lib left, no re-export missing', () => {
    const { status, output } = run('scripts/front-doors.mjs', '--check');
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('would change 0 files') });
  }, 300_000);

  it('role names: no file left whose suffix differs from its role', () => {
    const { status, output } = run('scripts/role-names.mjs', '--check');
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('Would rename 0 files') });
  }, 60_000);

  it('no import cycle between libs in the compiled code', () => {
    const { status, output } = run('scripts/import-cycles.mjs');
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('0 failing') });
  }, 60_000);
});

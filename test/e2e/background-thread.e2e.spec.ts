/**
 * ADR 0038: in the all-in-one process the 'imports' and 'bulk' queues (an import's parsing and
 * batches, its assessments and rescorings) run in a worker thread of their own, so their CPU and
 * garbage never take the API's event loop. Real server, real PostgreSQL, the compiled thread entry
 * (npm test builds first). The asynchronous import journeys (enterprise-imports-async,
 * enterprise-import-progress) run through the same thread.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { JobRunner } from '../../apps/worker/src/job-runner.js';
import { startTestApp, TEST_AUTHORITY, TEST_OPERATOR_TOKEN, type TestApp } from '../helpers/test-app.js';

const samples = join(dirname(fileURLToPath(import.meta.url)), '../../docs/samples');
const SAMPLE_CSV = readFileSync(join(samples, 'enterprises-sample.csv')).toString('base64');
const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;
const IMPORT = `mutation($i: EnterpriseImportInput!) { importEnterprises(input: $i) { created firms { organizationId } } }`;

/** Imports the sample list (6 firms) and waits until every job it caused ran; returns the firms' ids. */
async function importSample(app: TestApp): Promise<string[]> {
  const login = await app.gql(LOGIN, { i: TEST_AUTHORITY });
  const res = await app.gql(IMPORT, { i: { filename: 'enterprises-sample.csv', contentBase64: SAMPLE_CSV } }, login.data!.login.accessToken);
  expect(res.errors).toBeUndefined();
  expect(res.data!.importEnterprises.created).toBe(6);
  await app.drain();
  return res.data!.importEnterprises.firms.map((f: { organizationId: string }) => f.organizationId);
}

/** Firms among `ids` with a current tier assessment (written by the bulk lane's assessment jobs). */
async function assessed(app: TestApp, ids: string[]): Promise<number> {
  const [{ n }] = await app.started.runtime.database.dataSource.query('SELECT count(DISTINCT organization_id)::int AS n FROM tier_assessments WHERE organization_id = ANY($1)', [ids]);
  return n as number;
}

const mainThreadQueues = (app: TestApp) => app.started.runtime.queues.workers().map((w) => w.name);

describe('the background thread of the all-in-one process', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('runs imports and the bulk lane: the main thread has no such worker, the thread runs every assessment and rescoring of an import, and stops with the app', async () => {
    app = await startTestApp();
    const lane = app.started.app.get(JobRunner).backgroundThread;
    expect(lane).toBeDefined();
    expect(mainThreadQueues(app)).not.toContain('bulk');
    expect(mainThreadQueues(app)).not.toContain('imports');
    expect(mainThreadQueues(app)).toContain('matching');

    const ids = await importSample(app);
    expect(await assessed(app, ids)).toBe(6);
    // One assessment, one rescoring and one policy-reward evaluation per imported firm (BULK_ROUTES), none failed, all in the thread.
    expect(lane!.stats()).toEqual({ jobs: { bulk: 18 }, failed: 0, starts: 1 });
    // The operator sees the thread's work in /metrics.
    const metrics = await (await fetch(`${app.started.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` } })).text();
    expect(metrics).toMatch(/^srdi_background_thread_jobs 18$/m);
    expect(metrics).toMatch(/^srdi_background_thread_failed_jobs 0$/m);

    await app.close();
    app = undefined;
    expect(lane!.running).toBe(false);
  });

  it('with BACKGROUND_THREAD=off runs them on the main thread, with the same result', async () => {
    app = await startTestApp({ env: { BACKGROUND_THREAD: 'off' } });
    expect(app.started.app.get(JobRunner).backgroundThread).toBeUndefined();
    expect(mainThreadQueues(app)).toEqual(expect.arrayContaining(['bulk', 'imports']));
    const ids = await importSample(app);
    expect(await assessed(app, ids)).toBe(6);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, TEST_AUTHORITY, type TestApp } from '../helpers/test-app.js';

describe('boot', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('logs in the configured authority', async () => {
    const res = await app.gql(`mutation($i: LoginInput!) { login(input: $i) { user { email organization { kind verified } } } }`, { i: TEST_AUTHORITY });
    expect(res.errors).toBeUndefined();
    expect(res.data?.login.user.organization).toEqual({ kind: 'AUTHORITY', verified: true });
  });
});

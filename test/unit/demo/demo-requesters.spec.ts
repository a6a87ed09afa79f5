import { describe, expect, it } from '@jest/globals';
import { DEMO_ORGANIZATIONS } from '../../../apps/api/src/demo/demo-data.js';
import { DEMO_MATCH_REQUESTS } from '../../../apps/api/src/demo/demo-match-requests.js';

/** Match requests need a verified requester (issue 24): every demo request is sent by a verified enterprise. */
describe('demo requesters', () => {
  it.each(DEMO_MATCH_REQUESTS.map((r) => [r.enterpriseKey, r.listingTitle]))('%s (to %s) is a verified ENTERPRISE', (key) => {
    const org = DEMO_ORGANIZATIONS.find((o) => o.key === key);
    expect(org).toMatchObject({ kind: 'ENTERPRISE', verified: true });
  });
});

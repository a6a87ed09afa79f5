/**
 * The Meilisearch adapter against the port contract, only where a server is reachable: set
 * MEILI_URL (and MEILI_MASTER_KEY). Each index of the suite gets a random uid (srdi_contract_…).
 */
import { describe, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { SearchIndex } from '../../../libs/search/src/search-index.port.js';
import { describeSearchIndexContract } from '../../search-contract/search-index.contract.js';

const url = process.env.MEILI_URL;

if (url) {
  describeSearchIndexContract('meilisearch', async (): Promise<SearchIndex> => {
    const { MeilisearchSearchIndex } = await import('../../../libs/search/src/meilisearch/meilisearch-search-index.js');
    return new MeilisearchSearchIndex({
      url,
      apiKey: process.env.MEILI_MASTER_KEY,
      indexUid: `srdi_contract_${randomBytes(6).toString('hex')}`,
    });
  });
} else {
  console.warn('Meilisearch contract suite SKIPPED: MEILI_URL is not set (set MEILI_URL and MEILI_MASTER_KEY to run it against a server).');
  describe.skip('SearchIndex contract: meilisearch (skipped: MEILI_URL is not set)', () => {
    it('needs MEILI_URL', () => undefined);
  });
}

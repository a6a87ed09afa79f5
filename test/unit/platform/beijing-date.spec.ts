import { describe, expect, it } from '@jest/globals';
import { todayInShanghai } from '../../../libs/platform/src/time/beijing-date.js';

describe('todayInShanghai', () => {
  it.each([
    ['2026-11-21T15:59:59Z', '2026-11-21'], // 23:59:59 in Beijing
    ['2026-11-21T16:00:00Z', '2026-11-22'], // midnight in Beijing, still the 21st in UTC
    ['2026-12-31T16:00:00Z', '2027-01-01'],
    ['2026-03-01T00:00:00Z', '2026-03-01'],
  ])('%s is %s in Beijing', (utc, beijing) => {
    expect(todayInShanghai(new Date(utc))).toBe(beijing);
  });
});

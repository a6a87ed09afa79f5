import { describe, expect, it } from '@jest/globals';
import { toStats } from '../../../libs/matching/src/requests/match-request.service.js';

describe('provider match figures (toStats)', () => {
  it.each([
    ['no requests at all', undefined, { requestsReceived: 0, acceptanceRate: null, successRate: null, averageRating: null, ratingCount: 0, medianResponseHours: null }],
    ['only pending', { received: '3', pending: '3' }, { requestsReceived: 3, pending: 3, acceptanceRate: null, successRate: null }],
    ['one declined', { received: '1', declined: '1', median_hours: '2.5' }, { acceptanceRate: 0, successRate: null, medianResponseHours: 2.5 }],
    [
      'accepted, declined, completed',
      { received: '5', accepted: '1', declined: '1', completed: '2', successful: '1', cancelled: '1', avg_rating: '3.5000000', rating_count: '2', median_hours: '0.123456' },
      { acceptanceRate: 0.75, successRate: 0.5, averageRating: 3.5, ratingCount: 2, medianResponseHours: 0.12 },
    ],
    ['thirds round to 4 places', { received: '3', accepted: '1', declined: '2', completed: '0' }, { acceptanceRate: 0.3333 }],
    ['no request with a deadline: no working-hour figures', { received: '2', declined: '2' }, { medianResponseWorkingHours: null, onTimeResponseRate: null }],
    ['working minutes to hours, 2 places', { received: '2', median_working_minutes: '125', on_time: '1', deadline_cases: '2' }, { medianResponseWorkingHours: 2.08, onTimeResponseRate: 0.5 }],
    ['late ones only', { received: '3', median_working_minutes: '1500', on_time: '0', deadline_cases: '3' }, { medianResponseWorkingHours: 25, onTimeResponseRate: 0 }],
    ['credit: no decisions', { received: '1', credit_decided: '0', credit_approved: '0' }, { creditApprovalRate: null, medianDaysToDisbursement: null }],
    ['credit: 2 of 3 approved, median 7.5 days', { received: '3', credit_decided: '3', credit_approved: '2', median_disbursement_days: '7.5' }, { creditApprovalRate: 0.6667, medianDaysToDisbursement: 7.5 }],
    ['all completed successfully', { received: '2', completed: '2', successful: '2', avg_rating: '4.666666', rating_count: '3' }, { acceptanceRate: 1, successRate: 1, averageRating: 4.67 }],
  ])('%s', (_name, row, expected) => {
    expect(toStats(row as Record<string, string | null> | undefined)).toMatchObject(expected);
  });
});

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler, JOB_CATALOG, type JobPayloads, jobOptions, QueueRegistry } from '../../platform/src/index.js';

/** Monthly figures lag match requests by at most this long (plus the refresh itself). */
export const REFRESH_WINDOW_MS = 2_000;

/** The materialized views behind matchmakingInsights and financingInsights. */
export const FIGURE_VIEWS = ['insights_matchmaking_monthly', 'insights_financing_monthly'] as const;

/** Recomputes the monthly figures; concurrent refreshes wait for each other (one advisory lock). */
@Injectable()
export class InsightsFigures {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async refresh(): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['srdi:insights-refresh']);
      // CONCURRENTLY: dashboards keep reading the previous figures while the new ones are built.
      for (const view of FIGURE_VIEWS) await m.query(`REFRESH MATERIALIZED VIEW CONCURRENTLY "${view}"`);
    });
  }
}

/**
 * Debounce: every match-request event asks for a refresh at the end of the current
 * {@link REFRESH_WINDOW_MS} window; one job id per window, so a burst costs one refresh. The job
 * is queued after the event committed, and runs after it, so the refresh sees the change.
 */
@Injectable()
@HandlesJob('insights.schedule-refresh')
export class ScheduleFiguresRefreshHandler implements JobHandler<'insights.schedule-refresh'> {
  constructor(private readonly queues: QueueRegistry) {}

  async handle(): Promise<void> {
    const now = Date.now();
    const windowEnd = (Math.floor(now / REFRESH_WINDOW_MS) + 1) * REFRESH_WINDOW_MS;
    const spec = JOB_CATALOG['insights.refresh-figures'];
    await this.queues
      .queue(spec.queue)
      .add('insights.refresh-figures', { requestedBy: 'match-request' }, jobOptions('insights.refresh-figures', 'debounced', { jobId: `insights-refresh-${windowEnd}`, delay: windowEnd - now }));
  }
}

@Injectable()
@HandlesJob('insights.refresh-figures')
export class RefreshFiguresHandler implements JobHandler<'insights.refresh-figures'> {
  constructor(private readonly figures: InsightsFigures) {}

  handle(_job: JobPayloads['insights.refresh-figures']): Promise<void> {
    return this.figures.refresh();
  }
}

import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SEARCH_INDEX, type SearchIndex, SearchReadiness } from '../../../../libs/search/src/index.js';
import { QueueRegistry } from '../../../../libs/platform/src/index.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly queues: QueueRegistry,
    @Inject(SEARCH_INDEX) private readonly search: SearchIndex,
    private readonly readiness: SearchReadiness,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Ready to serve: the database, the queue backend and the search engine answer. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1_500 }),
      () => this.queueCheck(),
      () => this.searchCheck(),
    ]);
  }

  private async queueCheck() {
    const check = this.indicators.check('queue');
    try {
      const counts = await this.queues.counts();
      return check.up({ backend: this.queues.backend, waiting: counts.waiting ?? 0, failed: counts.failed ?? 0 });
    } catch (err) {
      return check.down({ backend: this.queues.backend, message: (err as Error).message });
    }
  }

  private async searchCheck() {
    const check = this.indicators.check('search');
    const engine = this.search.engine;
    if (!this.readiness.ready) return check.down({ engine, message: this.readiness.problem ?? 'starting' });
    try {
      await Promise.race([this.search.health(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout after 1500 ms')), 1_500).unref())]);
      const { documents } = await this.search.stats();
      return check.up({ engine, documents });
    } catch (err) {
      return check.down({ engine, message: (err as Error).message });
    }
  }
}

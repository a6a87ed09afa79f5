import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig } from '../../../../libs/platform/src/config/config.js';
import { QueueRegistry } from '../../../../libs/platform/src/queue/queue-registry.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    if (!this.config.meiliUrl) {
      // The in-process engine lives in this process; it is ready once the process is.
      return check.up({ engine: 'embedded' });
    }
    try {
      const res = await fetch(new URL('/health', this.config.meiliUrl), { signal: AbortSignal.timeout(1_500) });
      return res.ok ? check.up({ engine: 'meilisearch' }) : check.down({ engine: 'meilisearch', message: `HTTP ${res.status}` });
    } catch (err) {
      return check.down({ engine: 'meilisearch', message: (err as Error).message });
    }
  }
}

import { Controller, Get, Inject, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import type { Request, Response } from 'express';
import { SEARCH_INDEX, type SearchIndex, SearchReadiness } from '../../../../libs/search/src/index.js';
import { APP_CONFIG, QueueRegistry, type AppConfig } from '../../../../libs/platform/src/index.js';
import { bearerMatches } from '../http/http-hardening.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly queues: QueueRegistry,
    @Inject(SEARCH_INDEX) private readonly search: SearchIndex,
    private readonly readiness: SearchReadiness,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * Ready to serve: the database, the queue backend and the search engine answer (200, else 503).
   * The status code and `status` are public (load balancers); which part is down, queue counts and
   * error messages only with the operator token (`Authorization: Bearer $OPERATOR_TOKEN`).
   */
  @Get('ready')
  async ready(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<HealthCheckResult | { status: string }> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([
        () => this.db.pingCheck('database', { timeout: 1_500 }),
        () => this.queueCheck(),
        () => this.searchCheck(),
      ]);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      result = err.getResponse() as HealthCheckResult;
      res.status(503);
    }
    return bearerMatches(req.headers.authorization, this.config.operatorToken) ? result : { status: result.status };
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

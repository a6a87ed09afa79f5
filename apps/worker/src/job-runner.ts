import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { UnrecoverableError, type Job } from 'bullmq';
import {
  APP_CONFIG,
  type AppConfig,
  QUEUE_NAMES,
  isJobName,
  JOB_HANDLER_METADATA,
  assembleHandlerMap,
  type HandlerMap,
  QueueRegistry,
  RUNTIME,
} from '../../../libs/platform/src/index.js';
import type { Runtime } from '../../../libs/platform/src/index.js';

/**
 * Finds the one handler of every catalog job (boot fails otherwise), starts a BullMQ worker per
 * queue once all of them are connected, and starts the outbox relay that feeds them.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  discoverHandlers(): HandlerMap {
    const found = this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance)
      .map((w) => ({ name: this.reflector.get<string>(JOB_HANDLER_METADATA, w.metatype as Function), handler: w.instance, owner: w.name }))
      .filter((f): f is { name: string; handler: unknown; owner: string } => typeof f.name === 'string');
    return assembleHandlerMap(found);
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.discoverHandlers();
    for (const queue of QUEUE_NAMES) {
      // The bulk lane runs few jobs at once: interactive queues keep their workers and the CPU.
      const concurrency = queue === 'bulk' ? this.config.workerBulkConcurrency : this.config.workerConcurrency;
      const worker = this.queues.createWorker(queue, (job) => this.run(handlers, job), concurrency);
      worker.on('failed', (job, err) => {
        this.runtime.metrics.jobFailures.inc({ queue, job: isJobName(job?.name ?? '') ? job!.name : 'unknown' });
        this.runtime.logger.warn({ jobId: job?.id, job: job?.name, attempts: job?.attemptsMade, err: err.message }, 'job failed');
      });
      worker.on('error', (err) => this.runtime.logger.error({ err: err.message, queue }, 'worker error'));
    }
    await this.queues.runWorkers();
    await this.runtime.relay?.start();
  }

  private async run(handlers: HandlerMap, job: Job): Promise<unknown> {
    if (!isJobName(job.name)) {
      throw new UnrecoverableError(`unknown job ${job.name}`);
    }
    // Durations by queue and job: the match-set and tier-assessment jobs among them (GET /metrics).
    const end = this.runtime.metrics.jobDuration.startTimer({ queue: job.queueName, job: job.name });
    try {
      const result = await handlers.get(job.name)!.handle(job.data, { jobId: String(job.id), attemptsMade: job.attemptsMade });
      end({ outcome: 'ok' });
      return result;
    } catch (err) {
      end({ outcome: 'failed' });
      throw err;
    }
  }
}

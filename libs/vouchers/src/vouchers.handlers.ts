import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { HandlesJob, type JobHandler, QueueRegistry, RUNTIME } from '../../platform/src/index.js';
import type { JobPayloads, Runtime } from '../../platform/src/index.js';
import { VoucherGrantService } from './services/voucher-grant.service.js';
import { VoucherLedgerService, type ReconcileReport } from './services/voucher-ledger.service.js';

/** Daily at 00:20 Beijing time: vouchers whose last valid day was yesterday expire and release their reservation. */
export const VOUCHER_EXPIRY_PATTERN = '20 0 * * *';
/** Nightly at 03:40 Beijing time: the ledger reconcile. */
export const VOUCHER_RECONCILE_PATTERN = '40 3 * * *';

@Injectable()
@HandlesJob('vouchers.expire')
export class VoucherExpiryHandler implements JobHandler<'vouchers.expire'> {
  private readonly logger: Logger;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly grants: VoucherGrantService,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.logger = runtime.logger;
  }

  async handle(_job: JobPayloads['vouchers.expire']): Promise<{ expired: number }> {
    const expired = await this.grants.expire(this.dataSource);
    if (expired) this.logger.info({ expired }, `voucher expiry: ${expired} vouchers expired, reservations released`);
    return { expired };
  }
}

@Injectable()
@HandlesJob('vouchers.reconcile')
export class VoucherReconcileHandler implements JobHandler<'vouchers.reconcile'> {
  private readonly logger: Logger;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: VoucherLedgerService,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.logger = runtime.logger;
  }

  async handle(_job: JobPayloads['vouchers.reconcile']): Promise<ReconcileReport> {
    const report = await this.ledger.reconcile(this.dataSource.manager);
    // A discrepancy is an operational alarm (ids and figure names only, no amounts of a firm).
    if (report.discrepancies.length) this.logger.error({ discrepancies: report.discrepancies.map((d) => ({ programmeId: d.programmeId, voucherId: d.voucherId, figure: d.figure })) }, `voucher ledger reconcile: ${report.discrepancies.length} discrepancies`);
    return report;
  }
}

/** Registers the expiry and reconcile jobs with BullMQ's job scheduler (idempotent). */
@Injectable()
export class VoucherJobsScheduler implements OnApplicationBootstrap {
  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('vouchers.expire', VOUCHER_EXPIRY_PATTERN);
    await this.queues.schedule('vouchers.reconcile', VOUCHER_RECONCILE_PATTERN);
  }
}

import { Module } from '@nestjs/common';
import { VoucherProgrammeService } from './services/voucher-programme.service.js';
import { VoucherGrantService } from './services/voucher-grant.service.js';
import { VoucherClaimService } from './services/voucher-claim.service.js';
import { VoucherLedgerService } from './services/voucher-ledger.service.js';
import { VoucherReadService } from './services/voucher-read.service.js';
import { VoucherExpiryHandler, VoucherReconcileHandler } from './vouchers.handlers.js';

const SERVICES = [VoucherProgrammeService, VoucherGrantService, VoucherClaimService, VoucherLedgerService, VoucherReadService];

@Module({ providers: [...SERVICES, VoucherExpiryHandler, VoucherReconcileHandler], exports: SERVICES })
export class VouchersModule {}

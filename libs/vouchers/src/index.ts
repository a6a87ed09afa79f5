/**
 * libs/vouchers: service vouchers (服务券/创新券, issue 22, ADR 0033) — programmes, grants,
 * redemption, the fraud rules and the append-only ledger. The front door: other libs and the apps
 * import this lib only through this file.
 */
export * from './core/money.js';
export * from './core/voucher-enums.js';
export * from './core/eligibility.js';
export * from './core/fraud-rules.js';
export { VoucherProgrammeEntity } from './entities/voucher-programme.entity.js';
export { ContractedInstitutionEntity } from './entities/contracted-institution.entity.js';
export { VoucherEntity } from './entities/voucher.entity.js';
export { VoucherClaimEntity } from './entities/voucher-claim.entity.js';
export { VoucherLedgerEntity } from './entities/voucher-ledger.entity.js';
export { SettlementBatchEntity } from './entities/settlement-batch.entity.js';
export { VoucherProgrammeService, type ProgrammeCommand, activeContract } from './services/voucher-programme.service.js';
export { VoucherGrantService, type ApplyCommand, type ApplicationDecision, AUTO_GRANT_MAX_FIRMS } from './services/voucher-grant.service.js';
export { VoucherClaimService, type ClaimCommand, type ClaimDecisionCommand, SETTLEMENT_CLAIMS_MAX, CLAIM_ATTACHMENTS_MAX } from './services/voucher-claim.service.js';
export { VoucherLedgerService, type LedgerDiscrepancy, type ReconcileReport, type VoucherFigures, type VoucherFigureRow } from './services/voucher-ledger.service.js';
export { VoucherReadService, type Counted } from './services/voucher-read.service.js';
export { VoucherJobsScheduler, VOUCHER_EXPIRY_PATTERN, VOUCHER_RECONCILE_PATTERN } from './vouchers.handlers.js';
export { VouchersModule } from './vouchers.module.js';

import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** QUEUED → PARSING → PREVIEW_READY → RUNNING → DONE; FAILED (unreadable file) and CANCELLED end it early. */
export const ENTERPRISE_IMPORT_STATUSES = ['QUEUED', 'PARSING', 'PREVIEW_READY', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED'] as const;
export type EnterpriseImportStatus = (typeof ENTERPRISE_IMPORT_STATUSES)[number];

/** An import's state as people read it (messages, the report). */
export const IMPORT_STATUS_LABELS: Record<EnterpriseImportStatus, string> = {
  QUEUED: '等待解析',
  PARSING: '正在读取文件',
  PREVIEW_READY: '预览就绪，尚未确认',
  RUNNING: '正在导入',
  DONE: '已完成',
  FAILED: '文件无法读取',
  CANCELLED: '已取消',
};

export const IMPORT_ROW_OUTCOMES = ['CREATED', 'UPDATED', 'UNCHANGED', 'REJECTED', 'CLAIM_CONFLICT', 'NOT_ENTERPRISE'] as const;
export type ImportRowOutcome = (typeof IMPORT_ROW_OUTCOMES)[number];

/** How the report names each outcome to people (the XLSX download); GraphQL keeps the codes. */
export const IMPORT_ROW_OUTCOME_LABELS: Record<ImportRowOutcome, string> = {
  CREATED: '新建',
  UPDATED: '更新',
  UNCHANGED: '未变',
  REJECTED: '未导入',
  CLAIM_CONFLICT: '信用代码申领冲突',
  NOT_ENTERPRISE: '非企业信用代码',
};

/** One row of the report: a file row and what became of it. */
export interface ImportReportRow {
  row: number;
  uscc: string | null;
  /**
   * CREATED / UPDATED / UNCHANGED, REJECTED, CLAIM_CONFLICT (a self-registered, unverified claimant
   * holds the USCC), or NOT_ENTERPRISE (the USCC is a registered bank, service institution … ).
   */
  outcome: ImportRowOutcome;
  field: string | null;
  reason: string | null;
  /** The enterprise the row was imported into (null when rejected or in conflict). */
  organizationId?: string | null;
}

export interface SheetSummary {
  columns: unknown[];
  unknownColumns: unknown[];
  /** Absent on imports parsed before mappings existed. */
  headers?: Array<{ column: string; header: string }>;
  missing?: string[];
  override?: unknown[];
  remapped?: boolean;
}

/**
 * An asynchronous import of an enterprise list: the uploaded file (kept for the report download),
 * the parsed rows, the preview, the progress of the run and its report. Written by the jobs
 * `imports.parse-enterprises` and `imports.run-enterprises`; read by `enterpriseImport(s)`.
 */
@Entity('enterprise_imports')
@Index('IDX_enterprise_imports_created', ['createdAt', 'id'])
export class EnterpriseImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('varchar', { length: 20 })
  status: EnterpriseImportStatus;

  @Column('varchar', { length: 255 })
  filename: string;

  /**
   * The file as uploaded (≤ 20 MB, checked before it is stored); null once the nightly purge
   * cleared it, IMPORT_FILE_RETENTION_DAYS after the import ended (see `filePurgedAt`).
   */
  @Column('bytea', { select: false, nullable: true })
  content: Buffer | null;

  /** When the purge cleared `content` and `parsedRows`; the report rows stay. */
  @Column('timestamptz', { name: 'file_purged_at', nullable: true })
  filePurgedAt: Date | null;

  @Column('int', { name: 'file_bytes' })
  fileBytes: number;

  /** The AUTHORITY user who uploaded it; null for `npm run import:enterprises` on the server (no user). */
  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  /** Set by cancelEnterpriseImport while RUNNING: the run stops after its current batch. */
  @Column('boolean', { name: 'cancel_requested', default: false })
  cancelRequested: boolean;

  /** Why the file could not be read (FAILED); the reader's message, which names the bound crossed. */
  @Column('text', { nullable: true })
  error: string | null;

  @Column('int', { name: 'header_row', nullable: true })
  headerRow: number | null;

  /**
   * The column mapping and unknown columns of the parsed sheet (ParsedSheet minus rows): every header
   * cell, required fields without a column; once confirmed with a mapping, the mapping given
   * (`override`) and, after the run applied it, `remapped` with `columns` as applied.
   */
  @Column('jsonb', { nullable: true })
  sheet: SheetSummary | null;

  /** The parsed data rows (RawRow[]), so the run does not read the file again; purged with `content`. */
  @Column('jsonb', { name: 'parsed_rows', nullable: true, select: false })
  parsedRows: unknown[] | null;

  /** Preview: enterprises that would be created / already exist, and the rows already known to be rejected. */
  @Column('jsonb', { nullable: true })
  preview: { wouldCreate: number; wouldUpdate: number; rejected: unknown[] } | null;

  @Column('int', { name: 'rows_total', default: 0 })
  rowsTotal: number;

  @Column('int', { name: 'rows_done', default: 0 })
  rowsDone: number;

  /** Groups of rows (enterprises) in the file, and how many the run has finished: the resume point. */
  @Column('int', { name: 'firms_total', default: 0 })
  firmsTotal: number;

  @Column('int', { name: 'firms_done', default: 0 })
  firmsDone: number;

  @Column('int', { default: 0 })
  created: number;

  @Column('int', { default: 0 })
  updated: number;

  @Column('int', { default: 0 })
  unchanged: number;

  @Column('int', { name: 'rejected_rows', default: 0 })
  rejectedRows: number;

  @Column('int', { name: 'claim_conflicts', default: 0 })
  claimConflicts: number;
}

/**
 * One row of an import's report (one per data row of the file handled so far), written in the
 * same transaction as the batch's progress. The primary key (import, row) makes a resumed batch
 * record each row once.
 */
@Entity('enterprise_import_rows')
@Index('IDX_enterprise_import_rows_outcome', ['importId', 'outcome', 'row'])
export class EnterpriseImportRowEntity {
  @PrimaryColumn('uuid', { name: 'import_id' })
  @ForeignKey(() => EnterpriseImportEntity, 'id', { onDelete: 'CASCADE' })
  importId: string;

  /** Row number in the file (1-based, as a spreadsheet shows it). */
  @PrimaryColumn('int')
  row: number;

  @Column('varchar', { length: 20 })
  outcome: ImportReportRow['outcome'];

  /** As written in the file (a rejected row's may not be a valid USCC). */
  @Column('text', { nullable: true })
  uscc: string | null;

  /** Column key of the problem (REJECTED / CLAIM_CONFLICT). */
  @Column('varchar', { length: 64, nullable: true })
  field: string | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid', { name: 'organization_id', nullable: true })
  organizationId: string | null;
}

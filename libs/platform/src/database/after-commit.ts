import { EventSubscriber, type EntityManager, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';

/** Work to run once the transaction it belongs to has committed (a cache invalidation, a notice to other processes). */
export type AfterCommitWork = () => Promise<void> | void;

const pending = new WeakMap<QueryRunner, AfterCommitWork[]>();

async function runAll(works: readonly AfterCommitWork[]): Promise<void> {
  // Every piece runs whatever another does; the work itself handles (and logs) its failures.
  await Promise.all(works.map(async (work) => work()));
}

/**
 * Runs `work` after the transaction `manager` belongs to commits — at once when `manager` is not in
 * a transaction (its statements have already committed). Nothing runs on rollback. The commit
 * waits for the work (TypeORM awaits its subscribers), so the caller answers after it: work that
 * can fail must catch its own errors, since the rows are committed by then.
 */
export async function afterCommit(manager: Pick<EntityManager, 'queryRunner'>, work: AfterCommitWork): Promise<void> {
  const runner = manager.queryRunner;
  if (!runner || !runner.isTransactionActive) return runAll([work]);
  // Without the subscriber the work would silently never run.
  if (!runner.connection.subscribers.some((s) => s instanceof AfterCommitSubscriber)) {
    throw new Error('afterCommit: the DataSource has no AfterCommitSubscriber (build it with createDataSource)');
  }
  const list = pending.get(runner);
  if (list) list.push(work);
  else pending.set(runner, [work]);
}

/**
 * The DataSource subscriber (TypeORM instantiates the class) behind {@link afterCommit}: TypeORM broadcasts AfterTransactionCommit
 * after COMMIT and after every RELEASE SAVEPOINT; only the outermost one (no transaction left
 * active on the runner) runs the work.
 */
// TypeORM instantiates only the listed classes it knows as subscribers (the decorator registers it).
@EventSubscriber()
export class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): Promise<void> | void {
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return;
    const works = pending.get(runner);
    if (!works) return;
    pending.delete(runner);
    return runAll(works);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    // A rolled-back savepoint keeps its work: running it for nothing costs a cache miss, never a stale read.
    if (!event.queryRunner.isTransactionActive) pending.delete(event.queryRunner);
  }
}

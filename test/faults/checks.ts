import type { DataSource } from 'typeorm';
import { buildDataSource } from '../../libs/platform/src/database/database-runtime.js';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { QueueRegistry } from '../../libs/platform/src/queue/queue-registry.js';
import { MatchMaintenanceService, driftRows } from '../../libs/matching/src/sets/match-maintenance.service.js';
import { MatchSetService } from '../../libs/matching/src/sets/match-set.service.js';
import { call } from './client.js';
import { Q, type Ledger } from './workload.js';

/**
 * What the scenarios assert after a fault, read from the database, the queue backend and the
 * running process: acknowledged writes present, nothing half-written, no duplicate side effect,
 * and the derived state (outbox, jobs, notifications, tier assessments, search index, match sets)
 * converged to the database.
 */

export class Inspector {
  readonly ds: DataSource;
  readonly queues: QueueRegistry;
  private readonly maintenance: MatchMaintenanceService;

  constructor(databaseUrl: string, redisUrl: string | undefined) {
    this.ds = buildDataSource(databaseUrl, DATABASE_SCHEMA, 'srdi-fault-inspector');
    this.queues = new QueueRegistry({ redisUrl, databaseUrl });
    this.maintenance = new MatchMaintenanceService(new MatchSetService(this.ds));
  }

  async open(): Promise<void> {
    await this.ds.initialize();
  }

  async close(): Promise<void> {
    await this.queues.close(100).catch(() => undefined);
    if (this.ds.isInitialized) await this.ds.destroy();
  }

  private async n(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.ds.query(sql, params))[0].n as number;
  }

  /** Acknowledged changes that are not in the database (each line names one). */
  async missingAcknowledged(ledger: Ledger): Promise<string[]> {
    const missing: string[] = [];
    const emails = ledger.registered.map((r) => r.email);
    const users: Array<{ email: string; uscc: string }> = await this.ds.query(
      'SELECT u.email, o.uscc FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.email = ANY($1)',
      [emails],
    );
    const found = new Map(users.map((u) => [u.email, u.uscc]));
    for (const r of ledger.registered) if (found.get(r.email) !== r.uscc) missing.push(`registration ${r.email}`);
    const versions: Array<{ id: string; version: number }> = await this.ds.query(
      'SELECT organization_id AS id, version FROM enterprise_profiles WHERE organization_id = ANY($1::uuid[])',
      [[...ledger.profileVersions.keys()]],
    );
    const have = new Map(versions.map((v) => [v.id, v.version]));
    for (const [id, v] of ledger.profileVersions) if ((have.get(id) ?? 0) < v) missing.push(`profile ${id} v${v} (found ${have.get(id)})`);
    const listings: Array<{ id: string; status: string }> = await this.ds.query('SELECT id, status FROM listings WHERE id = ANY($1::uuid[])', [[...ledger.created]]);
    const status = new Map(listings.map((l) => [l.id, l.status]));
    for (const id of ledger.created) if (!status.has(id)) missing.push(`listing ${id}`);
    for (const id of ledger.published) if (status.get(id) !== 'PUBLISHED') missing.push(`published listing ${id} (status ${status.get(id)})`);
    const requests = await this.n('SELECT count(*)::int AS n FROM match_requests WHERE id = ANY($1::uuid[])', [[...ledger.matchRequests]]);
    if (requests !== ledger.matchRequests.size) missing.push(`${ledger.matchRequests.size - requests} match requests`);
    for (const imp of ledger.imports.filter((i) => i.outcome === 'ok')) {
      const present = await this.n('SELECT count(*)::int AS n FROM enterprise_profiles p JOIN organizations o ON o.id = p.organization_id WHERE o.uscc = ANY($1)', [imp.usccs]);
      if (present !== imp.usccs.length) missing.push(`import of ${imp.usccs.length} firms: ${present} present`);
    }
    return missing;
  }

  /**
   * Half-written state: a registration is one transaction (user and organization together or
   * neither); an imported firm is one transaction (organization, profile, financials and its
   * event together). A whole import is not one transaction by design, so it may stop part-way.
   */
  async halfWritten(ledger: Ledger): Promise<string[]> {
    const problems: string[] = [];
    const regs = ledger.attemptedRegistrations;
    const rows: Array<{ email: string; user: boolean; org: boolean }> = await this.ds.query(
      `SELECT x.email, EXISTS (SELECT 1 FROM users u WHERE u.email = x.email) AS "user",
              EXISTS (SELECT 1 FROM organizations o WHERE o.uscc = x.uscc) AS org
         FROM unnest($1::text[], $2::text[]) AS x(email, uscc)`,
      [regs.map((r) => r.email), regs.map((r) => r.uscc)],
    );
    for (const r of rows) if (r.user !== r.org) problems.push(`registration ${r.email}: user ${r.user}, organization ${r.org}`);
    const usccs = ledger.imports.flatMap((i) => i.usccs);
    const firms: Array<{ uscc: string; profile: boolean; financials: number; events: number }> = await this.ds.query(
      `SELECT o.uscc, p.organization_id IS NOT NULL AS profile,
              (SELECT count(*)::int FROM enterprise_financials f WHERE f.organization_id = o.id) AS financials,
              (SELECT count(*)::int FROM outbox_events e WHERE e.aggregate_id = o.id::text AND e.type = 'enterprise-profile.changed') AS events
         FROM organizations o LEFT JOIN enterprise_profiles p ON p.organization_id = o.id WHERE o.uscc = ANY($1)`,
      [usccs],
    );
    for (const f of firms) if (!f.profile || f.financials < 1 || f.events < 1) problems.push(`imported firm ${f.uscc}: ${JSON.stringify(f)}`);
    return problems;
  }

  /** Rows that exist twice where one event or one version must give one. */
  async duplicates(): Promise<Record<string, number>> {
    return {
      notificationsPerEvent: await this.n(
        'SELECT count(*)::int AS n FROM (SELECT 1 FROM notifications WHERE source_event_id IS NOT NULL GROUP BY source_event_id, kind, organization_id HAVING count(*) > 1) d',
      ),
      assessmentsPerVersion: await this.n(
        'SELECT count(*)::int AS n FROM (SELECT 1 FROM tier_assessments GROUP BY organization_id, rule_set, tier, mode, evaluator_version, profile_version, as_of HAVING count(*) > 1) d',
      ),
      matchesPerPair: await this.n('SELECT count(*)::int AS n FROM (SELECT 1 FROM matches GROUP BY enterprise_organization_id, listing_id HAVING count(*) > 1) d'),
      openRequestsPerPair: await this.n(
        "SELECT count(*)::int AS n FROM (SELECT 1 FROM match_requests WHERE status IN ('PENDING','ACCEPTED') GROUP BY listing_id, enterprise_organization_id HAVING count(*) > 1) d",
      ),
    };
  }

  /**
   * Everything still to converge, by kind; all zero means converged. Cheap checks first: the match
   * drift holds the match-sets lock, so it only runs once nothing else is pending.
   */
  async pending(graphqlUrl: string, token: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {
      unpublishedOutbox: await this.n('SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL'),
      pendingJobs: await this.queues.pendingJobs(),
      // Side effects each relayed event must have left behind.
      missingNotifications: await this.n(
        `SELECT count(*)::int AS n FROM outbox_events e WHERE e.type IN ('match-request.created', 'organization.verified')
           AND NOT EXISTS (SELECT 1 FROM notifications x WHERE x.source_event_id = e.id AND x.kind = e.type)`,
      ),
      missingAssessments: await this.n(
        `SELECT count(*)::int AS n FROM enterprise_profiles p
          WHERE NOT EXISTS (SELECT 1 FROM tier_assessments t WHERE t.organization_id = p.organization_id AND t.profile_version = p.version)`,
      ),
    };
    out.searchDiff = await this.searchDiff(graphqlUrl, token);
    if (Object.values(out).every((v) => v === 0)) out.matchDrift = driftRows(await this.maintenance.drift());
    return out;
  }

  /** Listings in the search index but not published in the database, plus the reverse. */
  async searchDiff(graphqlUrl: string, token: string): Promise<number> {
    const published: Array<{ id: string }> = await this.ds.query("SELECT id FROM listings WHERE status = 'PUBLISHED'");
    const indexed = new Set<string>();
    let total = -1;
    for (let offset = 0; offset <= 10_000; offset += 100) {
      const res = await call(graphqlUrl, Q.search, { i: { query: '', first: 100, offset } }, token, 10_000);
      if (res.kind !== 'ok') return published.length + 1; // not answering yet: not converged
      total = res.data.search.total;
      for (const h of res.data.search.hits) indexed.add(h.listing.id);
      if (res.data.search.hits.length < 100) break;
    }
    const want = new Set(published.map((p) => p.id));
    let diff = Math.abs(total - want.size);
    for (const id of want) if (!indexed.has(id)) diff++;
    for (const id of indexed) if (!want.has(id)) diff++;
    return diff;
  }

  async failedJobs(): Promise<number> {
    return (await this.queues.counts()).failed ?? 0;
  }

  /** Polls `pending` until all zero; returns the time it took, or throws with the last state. */
  async converge(graphqlUrl: () => string, token: string, timeoutMs: number): Promise<{ ms: number; last: Record<string, number> }> {
    const t0 = Date.now();
    let last: Record<string, number> = {};
    for (;;) {
      try {
        last = await this.pending(graphqlUrl(), token);
        if (last.matchDrift === 0) return { ms: Date.now() - t0, last };
      } catch (err) {
        last = { error: 1, ...last };
        if (Date.now() - t0 > timeoutMs) throw err;
      }
      if (Date.now() - t0 > timeoutMs) throw new Error(`did not converge in ${timeoutMs} ms: ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

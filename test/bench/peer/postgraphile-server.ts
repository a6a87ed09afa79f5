/**
 * The peer of the listings benchmark: PostGraphile 5 (Amber preset, grafserv on node:http) over the
 * same database the product's server reads, in its own process (peer.bench.ts starts it as a child,
 * like the product's server, so each process's CPU is its own). Nothing of ours runs here.
 *
 * The schema is PostGraphile's reflection of `public`: `allListings` (a connection with
 * `totalCount`, `condition` and `orderBy` on any column) and, through the foreign key owner_organization_id →
 * organizations, `organizationByOwnerOrganizationId` on each listing. Mutations stay on (the preset's
 * default); they are not asked for. No authentication: PostGraphile would leave it to PostgreSQL
 * roles and row-level security, which the product's schema does not use.
 *
 * Env: PEER_DATABASE_URL, PEER_POOL_SIZE (connections, the product's pool size by default: 10),
 * PEER_PORT (0 = any); peer.bench.ts sets GRAPHILE_ENV=production (Grafast's production mode, as
 * deployed). Prints `peer started: graphql=<url>` when it listens.
 */
import './promise-with-resolvers.js'; // first: PostGraphile 5 needs it on Node 20
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';

const connectionString = process.env.PEER_DATABASE_URL;
if (!connectionString) throw new Error('PEER_DATABASE_URL is required');

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  // Conditions and orderings on every column, not only indexed ones (PostGraphile 4's ignoreIndexes):
  // `status` has no index of its own, and the product filters on it.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ connectionString, schemas: ['public'], poolConfig: { max: Number(process.env.PEER_POOL_SIZE ?? 10) } })],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (e) => {
  console.error(e);
  process.exit(1);
});
await serv.addTo(server);
// Build the schema before announcing the URL: the first request must not pay for introspection.
await pgl.getSchema();
server.listen(Number(process.env.PEER_PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(`peer started: graphql=http://127.0.0.1:${port}/graphql`);
});
const stop = () => {
  server.close();
  void Promise.resolve(pgl.release()).finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

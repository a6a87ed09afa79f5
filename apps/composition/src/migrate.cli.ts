/**
 * npm run migration:{run,revert,generate,check}. Uses DATABASE_URL, or embedded PostgreSQL under
 * DATA_DIR like the app. `check --create` migrates a fresh database named in DATABASE_URL, fails
 * on drift between entities and migrations, then drops it (CI).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { loadConfig, type AppConfig, openDatabase, dropDatabase, ensureDatabase } from '../../../libs/platform/src/index.js';
import { DATABASE_SCHEMA } from './database-schema.js';

// dist/apps/composition/src → the repository root, where migrations/ lives.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

async function pendingSchemaChanges(dataSource: import('typeorm').DataSource) {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return { up: sql.upQueries, down: sql.downQueries };
}

function render(name: string, timestamp: number, up: string[], down: string[]): string {
  const q = (s: string) => '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const lines = (qs: string[]) => qs.map((s) => `    await queryRunner.query(${q(s)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function generate(config: AppConfig, name: string) {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: npm run migration:generate -- PascalCaseName');
  const db = await openDatabase(config, DATABASE_SCHEMA, console.log, 'srdi-migration-cli');
  try {
    const { up, down } = await pendingSchemaChanges(db.dataSource);
    if (up.length === 0) {
      console.log('No changes: entities and migrations agree.');
      return;
    }
    const timestamp = Date.now();
    const file = `${timestamp}-${name}`;
    await writeFile(join(repoRoot, 'migrations', `${file}.ts`), render(name, timestamp, up.map((x) => x.query), down.reverse().map((x) => x.query)));
    const indexPath = join(repoRoot, 'migrations', 'index.ts');
    const index = await readFile(indexPath, 'utf8');
    const imports = [...index.matchAll(/^import .*$/gm)].map((m) => m[0]);
    const classes = [...index.matchAll(/^\s+(\w+),$/gm)].map((m) => m[1]!);
    imports.push(`import { ${name}${timestamp} } from './${file}.js';`);
    classes.push(`${name}${timestamp}`);
    await writeFile(
      indexPath,
      `${imports.join('\n')}\n\n/** Applied in this order; \`npm run migration:generate\` appends here. */\nexport const MIGRATIONS: Function[] = [\n${classes.map((c) => `  ${c},`).join('\n')}\n];\n`,
    );
    console.log(`Wrote migrations/${file}.ts (${up.length} statements). Read it, and give it a real down().`);
  } finally {
    await db.close();
  }
}

async function check(config: AppConfig, create: boolean) {
  let adminUrl: string | undefined;
  let database: string | undefined;
  if (create) {
    if (!config.databaseUrl) throw new Error('check --create needs DATABASE_URL naming a database to create');
    const u = new URL(config.databaseUrl);
    database = decodeURIComponent(u.pathname.slice(1));
    u.pathname = '/postgres';
    adminUrl = u.toString();
    await ensureDatabase(adminUrl, database);
  }
  try {
    const db = await openDatabase(config, DATABASE_SCHEMA, console.log, 'srdi-migration-cli');
    try {
      const { up } = await pendingSchemaChanges(db.dataSource);
      if (up.length > 0) {
        console.error('Drift: the entities need schema changes that no migration makes:');
        for (const q of up) console.error(`  ${q.query}`);
        console.error('Run `npm run migration:generate -- Name`, read the file, commit it.');
        process.exitCode = 1;
      } else {
        console.log('No drift: entities and migrations agree.');
      }
    } finally {
      await db.close();
    }
  } finally {
    if (adminUrl && database) await dropDatabase(adminUrl, database);
  }
}

async function main() {
  const [command, arg] = process.argv.slice(2);
  const config = loadConfig();
  switch (command) {
    case 'run': {
      const db = await openDatabase(config, DATABASE_SCHEMA, console.log, 'srdi-migration-cli');
      console.log('Migrations are up to date.');
      await db.close();
      break;
    }
    case 'revert': {
      const db = await openDatabase(config, DATABASE_SCHEMA, console.log, 'srdi-migration-cli', { migrate: false });
      await db.dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
      await db.close();
      break;
    }
    case 'generate':
      await generate(config, arg ?? '');
      break;
    case 'check':
      await check(config, arg === '--create');
      break;
    default:
      console.error('usage: migrate.cli.js run | revert | generate Name | check [--create]');
      process.exitCode = 2;
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});

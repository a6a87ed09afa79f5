/**
 * The framework floor of the peer benchmark: servers that answer `{ __typename }` with nothing of
 * ours in them, each in its own process (peer.bench.ts starts them as children).
 *  - `nest`: a minimal NestJS + Apollo app on the same stack as the product (@nestjs/platform-express,
 *    @nestjs/apollo's ApolloDriver, a code-first schema of one query field), no logger, no plugins.
 *  - `graphql-http`: graphql-js behind graphql-http's node:http handler, the bare minimum.
 * Usage: node dist/test/bench/peer/floor-servers.js nest|graphql-http — prints
 * `floor started: graphql=<url>` when it listens on 127.0.0.1 (any port).
 */
import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLBoolean, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-http/lib/use/http';

@Resolver()
class FloorResolver {
  @Query(() => Boolean, { description: 'Always true.' })
  ok(): boolean {
    return true;
  }
}

@Module({
  imports: [GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true, playground: false, introspection: false })],
  providers: [FloorResolver],
})
class FloorModule {}

const announce = (port: number) => console.log(`floor started: graphql=http://127.0.0.1:${port}/graphql`);

async function nest(): Promise<void> {
  const app = await NestFactory.create(FloorModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  announce(((app.getHttpServer() as Server).address() as AddressInfo).port);
  process.once('SIGINT', () => void app.close().finally(() => process.exit(0)));
}

function graphqlHttp(): void {
  const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean, resolve: () => true } } }) });
  const handler = createHandler({ schema });
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/graphql')) return handler(req, res);
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1', () => announce((server.address() as AddressInfo).port));
  process.once('SIGINT', () => server.close(() => process.exit(0)));
}

const which = process.argv[2];
if (which === 'nest') await nest();
else if (which === 'graphql-http') graphqlHttp();
else throw new Error(`usage: floor-servers.js nest|graphql-http (got ${which})`);

import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG } from './config/config.js';
import { QueueRegistry } from './queue/queue-registry.js';
import { PUBSUB } from './pubsub/pubsub.js';
import { FILE_STORE } from './files/file-store.js';
import type { Runtime } from './runtime/runtime.js';

export const RUNTIME = Symbol('RUNTIME');

/** Hands the already started runtime (config, database, queues) to Nest's container. */
@Global()
@Module({})
export class PlatformModule {
  static forRuntime(runtime: Runtime): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ type: 'postgres' as const, manualInitialization: true }),
          dataSourceFactory: async () => runtime.database.dataSource,
        }),
        LoggerModule.forRoot({
          pinoHttp: {
            logger: runtime.logger,
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
            serializers: {
              // The query string is dropped: a refused GET may carry credentials in it.
              req: (req: { id: unknown; method: unknown; url?: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
            },
          },
        }),
      ],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: APP_CONFIG, useValue: runtime.config },
        { provide: QueueRegistry, useValue: runtime.queues },
        { provide: PUBSUB, useValue: runtime.pubsub },
        { provide: FILE_STORE, useValue: runtime.files },
      ],
      exports: [RUNTIME, APP_CONFIG, QueueRegistry, PUBSUB, FILE_STORE, TypeOrmModule],
    };
  }
}

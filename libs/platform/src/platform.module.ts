import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from './config/config.js';
import { QueueRegistry } from './queue/queue-registry.js';
import { PUBSUB } from './pubsub/pubsub.js';
import { FILE_STORE } from './files/file-store.js';
import type { Runtime } from './runtime/runtime.js';
import { CLOCK } from './time/clock.js';

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
      ],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: APP_CONFIG, useValue: runtime.config },
        { provide: QueueRegistry, useValue: runtime.queues },
        { provide: PUBSUB, useValue: runtime.pubsub },
        { provide: CLOCK, useValue: runtime.clock },
        { provide: FILE_STORE, useValue: runtime.files },
      ],
      exports: [RUNTIME, APP_CONFIG, QueueRegistry, PUBSUB, CLOCK, FILE_STORE, TypeOrmModule],
    };
  }
}

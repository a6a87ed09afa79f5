import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestApp } from './test-app.js';

export interface Closed {
  code: number;
  reason: string;
}

export type SubscriptionError = { message: string; extensions?: Record<string, unknown> } & Record<string, unknown>;

export const wsUrl = (app: TestApp) => app.url.replace(/^http/, 'ws');

/**
 * One graphql-ws connection holding `count` subscriptions of `query`, collecting the `field` of
 * each result in `received`; tests wait on events (`until`), never on time.
 */
export class WsSubscriber<T> {
  readonly received: T[] = [];
  readonly errors: SubscriptionError[] = [];
  closed: Closed | undefined;
  private readonly client: Client;
  private listeners: Array<() => void> = [];

  constructor(url: string, connectionParams: Record<string, unknown> | undefined, query: string, field: string, count = 1) {
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams,
      lazy: false,
      // Reported through `closed` and the sink; the default would print the close event.
      onNonLazyError: () => undefined,
      retryAttempts: 0,
      on: {
        closed: (event) => {
          const e = event as { code: number; reason: string };
          this.closed = { code: e.code, reason: String(e.reason) };
          this.changed();
        },
      },
    });
    for (let i = 0; i < count; i++) {
      this.client.subscribe<Record<string, T>>(
        { query },
        {
          next: (result) => {
            if (result.errors) this.errors.push(...(result.errors as unknown as SubscriptionError[]));
            const value = result.data?.[field];
            if (value) this.received.push(value);
            this.changed();
          },
          error: (err) => {
            // A list of GraphQL errors, or the close event when the connection failed.
            if (Array.isArray(err)) this.errors.push(...(err as SubscriptionError[]));
            else this.errors.push(err instanceof Error ? { message: err.message } : (err as SubscriptionError));
            this.changed();
          },
          complete: () => this.changed(),
        },
      );
    }
  }

  private changed() {
    for (const l of this.listeners.splice(0)) l();
  }

  /** Resolves once `check` holds; re-checked on every message, error or close. */
  async until<R>(check: () => R | undefined | false, what: string, ms = 15_000): Promise<R> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = check();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify({ received: this.received, errors: this.errors, closed: this.closed })}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.listeners.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  closedWith(): Promise<Closed> {
    return this.until(() => this.closed, 'the server to close the connection');
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }
}

/** Waits until `app` has `n` live subscriptions on `channel` and listens on it (LISTEN/SUBSCRIBE done). */
export async function listening(app: TestApp, channel: string, n: number): Promise<void> {
  const pubsub = app.started.runtime.pubsub;
  const deadline = Date.now() + 15_000;
  while (pubsub.listenerCount(channel) < n) {
    if (Date.now() > deadline) throw new Error(`only ${pubsub.listenerCount(channel)} of ${n} subscriptions arrived`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const probe = pubsub.subscribe(channel);
  await probe.ready;
  await probe.return();
}

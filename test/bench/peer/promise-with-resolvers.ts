/**
 * Promise.withResolvers (ES2024, Node 22+) for Node 20, which this project runs on. PostGraphile 5's
 * packages declare Node ≥ 22 and call it while executing (grafast, @dataplan/pg, grafserv); on
 * Node 20 every connection query then fails inside ConnectionStep ("Cannot read properties of
 * undefined (reading 'items')"). The spec's algorithm, nothing more; no-op where it exists. Imported
 * first by postgraphile-server.ts, so it is in place before any of their code runs.
 */
interface WithResolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

const P = Promise as PromiseConstructor & { withResolvers?: <T>() => WithResolvers<T> };
if (typeof P.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>(this: PromiseConstructor): WithResolvers<T> {
      let resolve!: WithResolvers<T>['resolve'];
      let reject!: WithResolvers<T>['reject'];
      const promise = new this<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

export {};

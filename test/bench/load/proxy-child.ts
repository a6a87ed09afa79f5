/**
 * The topology setup's load balancer in a process of its own (`node dist/test/bench/load/proxy-child.js
 * <graphql URL>…`): the round-robin proxy of the fault suite (test/helpers/round-robin-proxy.ts) in
 * front of the API processes, so that its CPU is neither the load generator's nor the servers', and
 * the load generator's event loop does not also carry every proxied request. Prints its URL on the
 * first line; SIGTERM closes it and prints the requests each backend answered.
 */
import { RoundRobinProxy } from '../../helpers/round-robin-proxy.js';

const backends = process.argv.slice(2);
if (backends.length === 0) throw new Error('usage: proxy-child.js <backend graphql URL>…');
const proxy = new RoundRobinProxy(() => backends);
process.stdout.write(`${await proxy.start()}\n`);
process.once('SIGTERM', () => {
  void proxy.close().then(() => {
    process.stdout.write(`${JSON.stringify(Object.fromEntries(proxy.served))}\n`);
    process.exit(0);
  });
});

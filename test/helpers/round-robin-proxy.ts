import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The load balancer in front of several API processes, as small as the fault suite's topology
 * scenario and the load suite's topology setup need (the latter runs it in a process of its own:
 * test/bench/load/proxy-child.ts): each request goes to the next backend in turn. A backend that refuses the connection (a dead
 * process: the request never reached it) is skipped and the next one tried; a backend that drops a
 * request it had taken drops the client's connection too, as a real balancer does for a request it
 * cannot safely retry. Websockets are not proxied (the scenario opens them on one process).
 */
export class RoundRobinProxy {
  private server: Server | undefined;
  private next = 0;
  url = '';
  /** Requests answered by each backend, by its URL. */
  readonly served = new Map<string, number>();

  constructor(private readonly backends: () => string[]) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
    return this.url;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const backends = this.backends();
    const first = this.next++;
    for (let tried = 0; tried < backends.length; tried++) {
      const target = backends[(first + tried) % backends.length]!;
      const outcome = await this.forward(target, req, body, res);
      if (outcome === 'answered') {
        this.served.set(target, (this.served.get(target) ?? 0) + 1);
        return;
      }
      if (outcome === 'dropped') {
        res.destroy();
        return;
      }
    }
    // Every backend refused: what a balancer with no healthy backend answers.
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: '服务暂不可用，请稍后重试 (no API process available)', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }));
  }

  private forward(target: string, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<'answered' | 'refused' | 'dropped'> {
    const url = new URL(req.url ?? '/', target);
    return new Promise((resolve) => {
      const upstream = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on('end', () => resolve('answered'));
        up.on('error', () => resolve('dropped'));
      });
      upstream.on('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED' && !res.headersSent ? 'refused' : 'dropped'));
      upstream.end(body);
    });
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

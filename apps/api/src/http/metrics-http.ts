import type { NextFunction, Request, Response } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeLabel, type Metrics } from '../../../../libs/platform/src/index.js';
import { bearerMatches } from './http-hardening.js';

/** Counts and times every HTTP request by method, route (a bounded set) and status. */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer();
    // Read now: mounted routers rewrite req.url (and so req.path) on the way in.
    const route = routeLabel(req.path);
    res.once('finish', () => {
      const labels = { method: req.method.length <= 7 ? req.method : 'OTHER', route, status: String(res.statusCode) };
      metrics.httpRequests.inc(labels);
      end(labels);
    });
    next();
  };
}

async function send(metrics: Metrics, res: Response | import('node:http').ServerResponse): Promise<void> {
  const body = await metrics.scrape();
  res.statusCode = 200;
  res.setHeader('content-type', metrics.contentType);
  res.setHeader('cache-control', 'no-store');
  res.end(body);
}

/** GET /metrics on the main port, for `Authorization: Bearer <METRICS_TOKEN or OPERATOR_TOKEN>` only. */
export function metricsEndpoint(metrics: Metrics, token: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path !== '/metrics' || req.method !== 'GET') return next();
    if (!bearerMatches(req.headers.authorization, token)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: { code: 'UNAUTHENTICATED', message: '需要监控令牌 (send Authorization: Bearer <METRICS_TOKEN>)' } });
      return;
    }
    send(metrics, res).catch(next);
  };
}

/** /metrics without a token on a separate port (METRICS_PORT), for a scraper on a private network. */
export async function startMetricsServer(metrics: Metrics, port: number, host: string): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
      send(metrics, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve()));
  return { server, port: (server.address() as AddressInfo).port };
}

import { ExpressAdapter } from '@nestjs/platform-express';
import type { NestApplicationOptions } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { AppConfig } from '../../../../libs/platform/src/index.js';

export type HttpLimits = AppConfig['http'];

/**
 * Express behind Nest with the server-level limits of the product (ADR 0037): slow headers and slow
 * bodies are cut off (headersTimeout, requestTimeout, checked every second rather than Node's 30 s),
 * idle keep-alive sockets close (keepAliveTimeout) and a socket serves a bounded number of requests.
 */
export class HardenedExpressAdapter extends ExpressAdapter {
  constructor(private readonly limits: HttpLimits) {
    const instance = express();
    // Says nothing about the stack to whoever asks.
    instance.disable('x-powered-by');
    super(instance);
  }

  override initHttpServer(options: NestApplicationOptions): void {
    super.initHttpServer(options);
    const limits = this.limits;
    const server: Server = createServer(
      {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
      },
      this.getInstance(),
    );
    server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
    if (limits.maxConnectionsPerAddress > 0) limitConnectionsPerAddress(server, limits.maxConnectionsPerAddress);
    this.setHttpServer(server);
  }
}

/** Refuses (destroys) a new connection from an address that already holds `max` open ones. Off (0) by default. */
export function limitConnectionsPerAddress(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const n = open.get(address) ?? 0;
    if (n >= max) {
      socket.destroy();
      return;
    }
    open.set(address, n + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/**
 * Requests per client address per minute (fixed one-minute windows), answered 429 with Retry-After
 * above `perMinute`. The address is req.ip: behind a proxy set TRUST_PROXY. Off (0) by default.
 */
export function requestRateLimit(perMinute: number) {
  let windowStart = Date.now();
  let counts = new Map<string, number>();
  return (req: Request, res: Response, next: NextFunction) => {
    const now = Date.now();
    if (now - windowStart >= 60_000) {
      windowStart = now;
      counts = new Map();
    }
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const n = (counts.get(address) ?? 0) + 1;
    counts.set(address, n);
    if (n <= perMinute) return next();
    const retryAfter = Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000));
    res.setHeader('Retry-After', String(retryAfter));
    res.status(429).json({
      errors: [{ message: `请求过于频繁，请 ${retryAfter} 秒后重试 (too many requests from this address; retry in ${retryAfter} s)`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter } }],
    });
  };
}

/** Paths that serve an HTML page with its own scripts: the GraphQL sandbox (development) and the queue board. */
const HTML_PAGES = /^\/(graphql|admin\/queues)(\/|$|\?)/;

/**
 * The security headers of helmet that apply to a JSON API, set without the dependency: no sniffing,
 * no framing, no referrer, same-origin resource policy, HSTS in production, and a deny-all CSP on
 * everything but the HTML pages (the sandbox loads Apollo's embed, the queue board its bundle).
 */
export function securityHeaders(production: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('X-DNS-Prefetch-Control', 'off');
    res.setHeader('X-Permitted-Cross-Domain-Policies', 'none');
    if (production) res.setHeader('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
    if (!(req.method === 'GET' && HTML_PAGES.test(req.path))) res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    next();
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** True when `header` is "Bearer <token>" for the configured `token` (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header) return false;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return !!match && timingSafeEqual(digest(match[1]!), digest(token));
}

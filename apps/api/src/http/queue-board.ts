import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { QUEUE_NAMES, type QueueRegistry } from '../../../../libs/platform/src/index.js';
import { bearerMatches } from './http-hardening.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** `Authorization: Bearer <OPERATOR_TOKEN>`, or Basic with the token as the password (what a browser sends after its prompt). */
export function isOperator(header: string | undefined, token: string): boolean {
  if (bearerMatches(header, token)) return true;
  const basic = header && /^Basic\s+(\S+)$/i.exec(header);
  if (!basic) return false;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const password = decoded.slice(decoded.indexOf(':') + 1);
  return timingSafeEqual(digest(password), digest(token));
}

/**
 * bull-board at /admin/queues for operators (OPERATOR_TOKEN): every queue of the process, on either
 * backend (Redis, or BullMQ's PostgreSQL backend — both checked). Read-only unless `write` (QUEUE_BOARD_WRITE=on)
 * allows retry, clean, promote and the other actions; in read-only mode anything but GET is refused
 * here as well as hidden in the UI.
 */
export function queueBoard(queues: QueueRegistry, options: { token: string; write: boolean }) {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(queues.queue(name), { readOnlyMode: !options.write, allowRetries: options.write })),
    // @bull-board/express 9.10.1 carries its own copy of @bull-board/api: the same shapes, separate declarations.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'srdi-match queues' } },
  });
  const router = serverAdapter.getRouter() as (req: Request, res: Response, next: NextFunction) => void;
  const guard = (req: Request, res: Response, next: NextFunction) => {
    if (!isOperator(req.headers.authorization, options.token)) {
      res.status(401).set('WWW-Authenticate', 'Basic realm="srdi-match queues", charset="UTF-8"').json({ error: { code: 'UNAUTHENTICATED', message: '需要运维令牌 (operators only: Authorization: Bearer <OPERATOR_TOKEN>)' } });
      return;
    }
    if (!options.write && req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(403).json({ error: { code: 'FORBIDDEN', message: '队列看板为只读；设置 QUEUE_BOARD_WRITE=on 才能重试或清理 (the queue board is read-only; set QUEUE_BOARD_WRITE=on)' } });
      return;
    }
    next();
  };
  return [guard, router] as const;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, badInput, notFound, parseId } from '../../../platform/src/index.js';
import { MailService } from '../../../mail/src/index.js';
import { authorizeKind, authorizeRow } from '../access/authorize.js';
import type { Actor } from '../access/access-policy.js';
import { UserEntity } from '../users/user.entity.js';
import { hashPassword, verifyPassword } from './password-hasher.js';
import { LoginThrottle } from './login-throttle.js';
import { RateLimiter } from './rate-limiter.js';
import {
  activeSessions,
  hashSecretToken,
  isWellFormedSecretToken,
  newSecretToken,
  revokeSession,
  revokeSessionsOf,
  type ActiveSession,
} from './session.store.js';
import { INVALID_RESET_TOKEN, checkNewPassword, checkEmailShape, RESET_TOKEN_MINUTES, padToFloor, resetTokenProblem } from './credential-rules.js';

/** Passwords and sessions of signed-in users, password reset by mail, and lifting sign-in locks. */
@Injectable()
export class CredentialsService {
  private readonly throttle: LoginThrottle;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly rateLimiter: RateLimiter,
  ) {
    this.throttle = new LoginThrottle(dataSource);
  }

  /** Ends the caller's current session; its token is refused from the next request on. */
  async logout(manager: EntityManager, actor: Actor | undefined): Promise<boolean> {
    authorizeKind(actor, 'logout');
    await revokeSession(manager, actor!.userId, this.sessionOf(actor!), 'LOGOUT');
    return true;
  }

  /** Ends every session of the caller but the current one; returns how many were ended. */
  async revokeOtherSessions(manager: EntityManager, actor: Actor | undefined): Promise<number> {
    authorizeKind(actor, 'revokeOtherSessions');
    return revokeSessionsOf(manager, actor!.userId, 'REVOKED_BY_USER', this.sessionOf(actor!));
  }

  sessions(actor: Actor): Promise<Array<ActiveSession & { current: boolean }>> {
    return activeSessions(this.dataSource, actor.userId).then((rows) => rows.map((s) => ({ ...s, current: s.id === actor.sessionId })));
  }

  /**
   * Checks the current password, sets the new one and ends every other session. Wrong current
   * passwords are counted per user (a stolen token must not become a password oracle).
   */
  async changePassword(manager: EntityManager, actor: Actor | undefined, current: string, next: string): Promise<number> {
    authorizeKind(actor, 'changePassword');
    if (current.length > 1024) throw badInput('当前密码过长 (current password is longer than 1024 characters)', 'current');
    checkNewPassword(next, 'next');
    const user = await manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: actor!.userId })
      .setLock('pessimistic_write')
      .getOne();
    if (!user) throw new AppError('UNAUTHENTICATED', '该账号已不存在，请重新登录 (the account no longer exists)');
    // Past the ceiling of wrong current passwords even the right one is refused, so guessing gains nothing.
    const failures = [{ rule: 'changePassword.user', subject: user.id }] as const;
    await this.rateLimiter.check(failures);
    if (!(await verifyPassword(user.passwordHash, current))) {
      await this.rateLimiter.consume(failures);
      throw badInput('当前密码不正确 (the current password is wrong)', 'current');
    }
    if (current === next) throw badInput('新密码不能与当前密码相同 (the new password must differ from the current one)', 'next');
    await manager.update(UserEntity, { id: user.id }, { passwordHash: await hashPassword(next) });
    return revokeSessionsOf(manager, user.id, 'PASSWORD_CHANGED', this.sessionOf(actor!));
  }

  /**
   * Mails a single-use reset link (30 minutes) when the address belongs to an account. The answer,
   * the throttle and the time taken are the same whether or not it does: the work for a known
   * address is padded to a fixed floor, so neither text nor timing confirms an account.
   */
  async requestPasswordReset(email: string, address: string | undefined): Promise<boolean> {
    const started = Date.now();
    const normalized = checkEmailShape(email, 'email');
    await this.rateLimiter.consume([
      { rule: 'passwordReset.address', subject: address ?? 'unknown' },
      { rule: 'passwordReset.email', subject: normalized },
    ]);
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(UserEntity, { email: normalized });
      if (!user) return;
      const token = newSecretToken();
      // A new link supersedes the earlier ones still open; links older than a day are dropped (bounded per user).
      await manager.query(
        `WITH dropped AS (DELETE FROM password_reset_tokens WHERE user_id = $1 AND created_at < now() - interval '1 day')
         UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
        [user.id],
      );
      await manager.query(
        `INSERT INTO password_reset_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`,
        [token.hash, user.id, RESET_TOKEN_MINUTES],
      );
      await this.mail.queue(manager, {
        to: user.email,
        kind: 'password.reset',
        subject: '重置密码',
        lines: [
          `${user.displayName}，我们收到了重置您账号密码的请求。`,
          `请在 ${RESET_TOKEN_MINUTES} 分钟内点击下面的链接设置新密码；链接只能使用一次。设置后，该账号的所有登录会话都将失效。`,
          '如果这不是您本人的操作，请忽略本邮件，您的密码不会改变。',
        ],
        action: { label: '重置密码', path: `/password/reset?token=${token.raw}` },
      });
    });
    await padToFloor(started);
    return true;
  }

  /**
   * Sets a new password with a mailed token: single use, within 30 minutes. Ends every session of
   * the user, supersedes other open links and lifts the user's sign-in locks.
   */
  async resetPassword(manager: EntityManager, token: string, next: string): Promise<boolean> {
    if (token.length > 200) throw badInput('重置令牌无效：格式不正确 (the reset token is malformed)', 'token');
    checkNewPassword(next, 'next');
    if (!isWellFormedSecretToken(token)) throw badInput(INVALID_RESET_TOKEN, 'token');
    const rows: Array<{ user_id: string; used: boolean; expired: boolean }> = await manager.query(
      `SELECT user_id, used_at IS NOT NULL AS used, expires_at <= now() AS expired FROM password_reset_tokens WHERE token_hash = $1 FOR UPDATE`,
      [hashSecretToken(token)],
    );
    const problem = resetTokenProblem(rows[0]);
    if (problem) throw badInput(problem, 'token');
    const userId = rows[0]!.user_id;
    const user = await manager.findOneBy(UserEntity, { id: userId });
    if (!user) throw badInput(INVALID_RESET_TOKEN, 'token');
    await manager.query(`UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [userId]);
    await manager.update(UserEntity, { id: userId }, { passwordHash: await hashPassword(next) });
    await revokeSessionsOf(manager, userId, 'PASSWORD_RESET');
    await this.throttle.unlock(user.email, manager);
    return true;
  }

  /**
   * Lifts the sign-in locks of an account (every address) and its failure count. The AUTHORITY
   * for anyone; otherwise the target must be a member of the caller's organization and the caller
   * its OWNER (ADMINs and MEMBERs are refused). Returns how many locks were in force.
   */
  async unlockAccount(manager: EntityManager, actor: Actor | undefined, userId: string): Promise<number> {
    // Kind check first (no read for a caller who may never unlock); the row check follows the read.
    authorizeKind(actor, 'unlockAccount');
    userId = parseId(userId, 'userId');
    const target = await manager.findOneBy(UserEntity, { id: userId });
    if (!target) throw notFound(`用户 ${userId} 不存在 (user not found)`);
    if (actor!.kind !== 'AUTHORITY') {
      // A user removed from its organization (NULL) belongs to no one the caller manages.
      authorizeRow(actor, 'unlockAccount', { ownerOrganizationId: target.organizationId ?? '' });
      if (actor!.role !== 'OWNER') {
        throw new AppError('FORBIDDEN', `unlockAccount 仅限本机构的所有者 (OWNER) 使用 (unlockAccount: only the organization's OWNER may unlock its members)`, {
          policy: 'unlockAccount',
        });
      }
    }
    return this.throttle.unlock(target.email, manager);
  }

  private sessionOf(actor: Actor): string {
    if (!actor.sessionId) throw new AppError('UNAUTHENTICATED', '会话已失效，请重新登录 (the session has ended or expired; sign in again)');
    return actor.sessionId;
  }
}

import { Injectable } from '@nestjs/common';
import { LOGIN_THROTTLE, LoginThrottle } from './auth/login-throttle.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppError, badInput, conflict, echoInput, isUniqueViolation, preparedRead, recordEvent, statementName } from '../../platform/src/index.js';
import type { Actor } from './access/access-policy.js';
import { MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from './auth/password-hasher.js';
import { ORGANIZATION_KINDS, type OrganizationKind } from './organizations/organization-kind.js';
import { OrganizationEntity } from './organizations/organization.entity.js';
import { describeRegionCodeProblem } from '../../codes/src/index.js';
import { normalizeUscc, validateUscc } from './uscc/uscc.js';
import { UserEntity } from './users/user.entity.js';
import { VerificationService } from './verification/verification.service.js';
import { UserSessionEntity } from './auth/user-session.entity.js';
import { actorCacheOf, type LoadedActor } from './auth/actor-cache.js';

export interface RegisterCommand {
  email: string;
  password: string;
  displayName: string;
  organization: { kind: OrganizationKind; name: string; uscc: string; regionCode: string };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Checks a registration before anything is written; throws BAD_USER_INPUT naming the field. */
export function validateRegistration(cmd: RegisterCommand): RegisterCommand {
  const email = normalizeEmail(cmd.email);
  if (!EMAIL.test(email) || email.length > 254) {
    throw badInput('邮箱格式不正确 (email is not a valid address)', 'input.email');
  }
  if (cmd.password.length < MIN_PASSWORD_LENGTH) {
    throw badInput(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符 (password must be at least ${MIN_PASSWORD_LENGTH} characters)`, 'input.password');
  }
  if (cmd.password.length > 1024) throw badInput('密码过长 (password is longer than 1024 characters)', 'input.password');
  const displayName = cmd.displayName.trim();
  if (displayName.length < 1 || displayName.length > 100) {
    throw badInput('姓名/显示名称需 1–100 个字符 (displayName must be 1–100 characters)', 'input.displayName');
  }
  const org = cmd.organization;
  if (!ORGANIZATION_KINDS.includes(org.kind)) throw badInput(`未知机构类型 ${echoInput(org.kind)} (unknown organization kind)`, 'input.organization.kind');
  if (org.kind === 'AUTHORITY') {
    throw badInput(
      '主管部门账号不能自行注册，请联系平台管理员 (AUTHORITY organizations cannot self-register; they are provisioned by the operator)',
      'input.organization.kind',
    );
  }
  const name = org.name.trim();
  if (name.length < 2 || name.length > 200) {
    throw badInput('机构名称需 2–200 个字符 (organization name must be 2–200 characters)', 'input.organization.name');
  }
  const uscc = normalizeUscc(org.uscc);
  const usccCheck = validateUscc(uscc);
  if (!usccCheck.ok) throw badInput(usccCheck.reason, 'input.organization.uscc');
  const regionProblem = describeRegionCodeProblem(org.regionCode.trim());
  if (regionProblem) throw badInput(regionProblem, 'input.organization.regionCode');
  return { email, password: cmd.password, displayName, organization: { kind: org.kind, name, uscc, regionCode: org.regionCode.trim() } };
}

/** register with an e-mail that has an account: what to do, without saying whose account it is. */
export const REGISTER_EMAIL_TAKEN =
  '该邮箱不能用于注册。如您已有账号，请直接登录或找回密码；如需加入已在平台注册的机构，请联系其负责人或管理员向您的邮箱发送邀请 ' +
  '(this email cannot be used to register: if you have an account, sign in or reset your password; to join an organization already on the platform, ask its owner or an admin for an invitation)';
/** register with the USCC of an organization that has accounts. */
export const REGISTER_USCC_TAKEN =
  '该统一社会信用代码的机构已在平台注册。如您是该机构员工，请联系本机构的负责人或管理员，在“成员管理”中向您的邮箱发送邀请，接受邀请后即可登录 ' +
  '(an organization with this USCC is already registered: ask its owner or an admin to invite your email address, then accept the invitation)';
/** register with the USCC of a firm the AUTHORITY imported that has no account yet. */
export const REGISTER_USCC_IMPORTED =
  '该企业已由主管部门录入平台，尚未开通账号。请联系主管部门，向贵企业登记的联系邮箱发送激活邀请，接受邀请即成为本企业负责人账号 ' +
  '(this enterprise was imported by the authority and has no account yet: ask the authority for an activation invitation to your contact email; accepting it makes you the owner)';

/** Organizations and users: registration, login, verification by the authority. */
/** {@link IdentityService.actorForSession}'s read: {@link IdentityService.loadActor}'s rule (a member of an organization; the session neither revoked nor expired). */
const ACTOR_SQL = `SELECT u.role, o.id AS organization_id, o.kind, o.verified, s.id AS active_session_id, s.expires_at AS session_expires_at
  FROM users u JOIN organizations o ON o.id = u.organization_id
  LEFT JOIN user_sessions s ON s.id = $2::uuid AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now()
 WHERE u.id = $1::uuid`;
const ACTOR_STATEMENT = { name: statementName('actor', ACTOR_SQL), text: ACTOR_SQL };

@Injectable()
export class IdentityService {
  private readonly throttle: LoginThrottle;
  private readonly verification: VerificationService;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.throttle = new LoginThrottle(dataSource);
    this.verification = new VerificationService(dataSource);
  }

  /** Creates the organization and its first user; validation and uniqueness come before any write. */
  async register(manager: EntityManager, input: RegisterCommand): Promise<{ user: UserEntity; organization: OrganizationEntity }> {
    const cmd = validateRegistration(input);
    if (await manager.existsBy(UserEntity, { email: cmd.email })) {
      // The same text whoever owns the address (the AUTHORITY's included): it names no organization or kind.
      throw conflict(REGISTER_EMAIL_TAKEN, 'input.email');
    }
    const existingOrg = await manager.findOneBy(OrganizationEntity, { uscc: cmd.organization.uscc });
    if (existingOrg) {
      const hasAccounts = await manager.existsBy(UserEntity, { organizationId: existingOrg.id });
      throw conflict(hasAccounts ? REGISTER_USCC_TAKEN : REGISTER_USCC_IMPORTED, 'input.organization.uscc');
    }
    const passwordHash = await hashPassword(cmd.password);
    try {
      return await this.createOrganizationWithUser(manager, cmd, passwordHash, false);
    } catch (err) {
      // Two registrations racing past the checks above meet the unique constraints here.
      if (isUniqueViolation(err)) throw conflict('邮箱或统一社会信用代码已被注册 (email or USCC already registered)');
      throw err;
    }
  }

  /** Inserts a validated organization, its first user and the `organization.registered` event. */
  async createOrganizationWithUser(manager: EntityManager, cmd: RegisterCommand, passwordHash: string, verified: boolean) {
    const organization = await manager.save(
      manager.create(OrganizationEntity, { ...cmd.organization, verified, verifiedAt: verified ? new Date() : null }),
    );
    const user = await manager.save(
      manager.create(UserEntity, { email: cmd.email, passwordHash, displayName: cmd.displayName, organizationId: organization.id, role: 'OWNER' }),
    );
    await recordEvent(manager, {
      type: 'organization.registered',
      aggregateType: 'organization',
      aggregateId: organization.id,
      data: { organizationId: organization.id },
      actorUserId: user.id,
    });
    return { user, organization };
  }

  /**
   * Checks e-mail and password: the same answer for an unknown e-mail and a wrong password, in about
   * the same time. Failed attempts are counted per account and per client address
   * (`address`, the request's IP); past the limits the sign-in is RATE_LIMITED for a while, even
   * with the right password (LoginThrottle).
   */
  async login(email: string, password: string, address?: string): Promise<{ user: UserEntity; organization: OrganizationEntity }> {
    const normalized = normalizeEmail(String(email ?? ''));
    await this.throttle.check(normalized, address);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.organization', 'o')
      .where('u.email = :email', { email: normalized })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok || !user.organization) {
      const { accountCeilingReached } = await this.throttle.recordFailure(normalized, address);
      if (accountCeilingReached && user) await this.alertSignInFailures(user);
      throw new AppError('UNAUTHENTICATED', '邮箱或密码错误 (wrong email or password)');
    }
    await this.throttle.recordSuccess(normalized, address);
    return { user, organization: user.organization };
  }

  /**
   * An account reached the per-account ceiling of failed sign-ins (from all addresses together):
   * nothing is locked, the AUTHORITY is told (once per window) through the outbox.
   */
  private async alertSignInFailures(user: UserEntity): Promise<void> {
    // A user removed from its organization cannot sign in at all; there is no one to alert about it.
    const organizationId = user.organizationId;
    if (!organizationId) return;
    await this.dataSource.transaction((manager) =>
      recordEvent(manager, {
        type: 'account.sign-in-failures-exceeded',
        aggregateType: 'user',
        aggregateId: user.id,
        data: {
          userId: user.id,
          organizationId,
          failures: LOGIN_THROTTLE.account.maxFailures,
          windowMinutes: LOGIN_THROTTLE.account.windowMinutes,
        },
      }),
    );
  }

  /**
   * AUTHORITY marks an organization verified (from PENDING or NEEDS_INFO); repeating it is a no-op
   * that emits nothing. The decision rules are the verification desk's ({@link VerificationService}).
   */
  async verifyOrganization(manager: EntityManager, actor: Actor | undefined, id: string): Promise<OrganizationEntity> {
    return (await this.verification.decide(manager, actor, id, 'VERIFY', null)).organization;
  }

  /**
   * The caller behind a token, or undefined when the user no longer exists or was removed
   * from its organization (organization_id NULL). `sessionActive` says
   * whether session `sessionId` of this user is neither revoked nor expired: it is read in the same
   * statement as the user, so revocation takes effect on the next request at no extra round trip.
   */
  async loadActor(userId: string, sessionId?: string): Promise<{ actor: Actor; user: UserEntity; sessionActive: boolean; sessionExpiresAt?: number } | undefined> {
    // One statement: findOne with a relation would add TypeORM's two-query pagination on every request.
    const { entities, raw } = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.organization', 'o')
      .leftJoin(UserSessionEntity, 's', 's.id = :sid AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now()', {
        sid: sessionId ?? null,
      })
      .addSelect('s.id', 'active_session_id')
      .addSelect('s.expires_at', 'session_expires_at')
      .where('u.id = :id', { id: userId })
      .getRawAndEntities<{ active_session_id: string | null; session_expires_at: Date | null }>();
    const user = entities[0];
    if (!user?.organization) return undefined;
    const o = user.organization;
    const sessionActive = sessionId !== undefined && raw[0]?.active_session_id === sessionId;
    return {
      actor: { userId: user.id, organizationId: o.id, kind: o.kind, verified: o.verified, role: user.role, ...(sessionActive ? { sessionId } : {}) },
      user,
      sessionActive,
      ...(sessionActive && raw[0]?.session_expires_at ? { sessionExpiresAt: new Date(raw[0].session_expires_at).getTime() } : {}),
    };
  }

  /**
   * The actor behind a verified token: {@link loadActor} through this process's actor cache
   * (ADR 0041), so a caller's repeated requests need no read while nothing about them changed.
   */
  async actorForSession(userId: string, sessionId: string): Promise<LoadedActor | undefined> {
    // The actor's columns only, as one named prepared statement: what loadActor reads, without
    // building a query and hydrating the user and organization entities on every cache miss.
    const load = async (): Promise<LoadedActor | undefined> => {
      const [row] = await preparedRead(this.dataSource, ACTOR_STATEMENT, [userId, sessionId]);
      if (!row) return undefined;
      const sessionActive = row.active_session_id === sessionId;
      return {
        actor: { userId, organizationId: row.organization_id, kind: row.kind, verified: row.verified, role: row.role, ...(sessionActive ? { sessionId } : {}) },
        sessionActive,
        ...(sessionActive && row.session_expires_at ? { sessionExpiresAt: new Date(row.session_expires_at).getTime() } : {}),
      };
    };
    const cache = actorCacheOf(this.dataSource);
    return cache ? cache.get(userId, sessionId, load) : load();
  }

  usersByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.dataSource.getRepository(UserEntity).findBy({ id: In([...ids]) });
  }

  organizationsByIds(ids: readonly string[]): Promise<OrganizationEntity[]> {
    return this.dataSource.getRepository(OrganizationEntity).findBy({ id: In([...ids]) });
  }

  /**
   * Creates an AUTHORITY organization and user unless a user with this e-mail exists. Used at boot;
   * safe to run on every start and from several processes.
   */
  async ensureAuthorityUser(params: { email: string; password: string; name: string; uscc: string; regionCode: string }): Promise<boolean> {
    const email = normalizeEmail(params.email);
    return this.dataSource.transaction(async (manager) => {
      // Serialises concurrent boots (api and worker starting together).
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['srdi:ensure-authority']);
      const existing = await manager.findOne(UserEntity, { where: { email }, relations: { organization: true } });
      if (existing) {
        if (existing.organization?.kind !== 'AUTHORITY') {
          throw new Error(`AUTHORITY_EMAIL ${email} already belongs to a ${existing.organization?.kind} account; choose another address`);
        }
        return false;
      }
      let org = await manager.findOneBy(OrganizationEntity, { uscc: params.uscc });
      if (org && org.kind !== 'AUTHORITY') {
        throw new Error(`the authority's USCC ${params.uscc} is registered to a ${org.kind} organization`);
      }
      if (!org) {
        org = await manager.save(
          manager.create(OrganizationEntity, { kind: 'AUTHORITY', name: params.name, uscc: params.uscc, regionCode: params.regionCode, verified: true, verifiedAt: new Date() }),
        );
      }
      await manager.save(
        manager.create(UserEntity, { email, passwordHash: await hashPassword(params.password), displayName: params.name, organizationId: org.id, role: 'OWNER' }),
      );
      return true;
    });
  }
}

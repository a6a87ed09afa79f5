import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../../../../libs/platform/src/index.js';
import { IdentityService, validateRegistration, TokenService, RateLimiter, startSession } from '../../../../libs/identity/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { AuthPayloadModel, UserModel } from './identity.models.js';
import { LoginInput, RegisterInput } from './identity.inputs.js';
import { toUserModel } from './identity.mappers.js';

@Resolver()
export class AuthResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
    private readonly tokens: TokenService,
    private readonly rateLimiter: RateLimiter,
  ) {}

  /** Throttled per client address, e-mail and USCC (after validation, before any read or write); starts a session. */
  @Mutation(() => AuthPayloadModel, {
    description: '注册机构及其负责人账号（OWNER），机构进入待审核；按网络地址、邮箱和信用代码限流 (register an organization; it awaits verification).',
  })
  async register(@Args('input', { description: '注册信息 (registration).' }) input: RegisterInput, @Context() ctx: RequestContext): Promise<AuthPayloadModel> {
    const cmd = validateRegistration(input);
    await this.rateLimiter.consume([
      { rule: 'register.address', subject: ctx.req?.ip ?? 'unknown' },
      { rule: 'register.email', subject: cmd.email },
      { rule: 'register.uscc', subject: cmd.organization.uscc },
    ]);
    return inTransaction(this.dataSource, async (manager) => {
      const { user, organization } = await this.identity.register(manager, input);
      return this.payload(manager, user.id, organization.id, toUserModel(user));
    });
  }

  @Mutation(() => AuthPayloadModel, {
    description: '登录并开始一个会话；同一账号在同一网络地址 15 分钟内失败 5 次将暂时锁定该组合 (sign in; starts a session).',
  })
  async login(@Args('input', { description: '邮箱和密码 (e-mail and password).' }) input: LoginInput, @Context() ctx: RequestContext): Promise<AuthPayloadModel> {
    const { user, organization } = await this.identity.login(input.email, input.password, ctx.req?.ip);
    return this.payload(this.dataSource.manager, user.id, organization.id, toUserModel(user));
  }

  @Query(() => UserModel, { description: '当前登录的账号 (the signed-in account).' })
  async me(@Context() ctx: RequestContext): Promise<UserModel> {
    return toUserModel(await ctx.requireUser());
  }

  /** A new session and a token naming it (`sid`), expiring together. */
  private async payload(manager: EntityManager, userId: string, organizationId: string, user: UserModel): Promise<AuthPayloadModel> {
    const session = await startSession(manager, userId, this.tokens.lifetimeSeconds);
    return { accessToken: await this.tokens.issue({ userId, organizationId, sessionId: session.id, expiresAt: session.expiresAt }), user };
  }
}

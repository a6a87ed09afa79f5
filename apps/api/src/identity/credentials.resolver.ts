import { Args, Context, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../../../libs/platform/src/index.js';
import { CredentialsService } from '../../../../libs/identity/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { DateTimeScalar } from '../graphql/scalars.js';

@ObjectType('Session', { description: '当前账号的一个登录会话 (one sign-in of the caller: login or register); no device or address is kept.' })
export class SessionModel {
  @Field(() => ID, { description: '会话 ID (the access token names it in its `sid` claim)' })
  id: string;

  @Field(() => DateTimeScalar, { description: '登录时间 (when the session started)' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { description: '到期时间，与访问令牌同时到期 (when it expires, together with its access token)' })
  expiresAt: Date;

  @Field({ description: '是否为本次请求所用的会话 (true for the session of the token this request was sent with)' })
  current: boolean;
}

/** Sessions, passwords and sign-in locks (issue 13, item 6). */
@Resolver()
export class CredentialsResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentials: CredentialsService,
  ) {}

  @Query(() => [SessionModel], { description: '当前账号的有效登录会话，最新在前，最多 100 个 (the caller\'s active sessions, newest first, at most 100)' })
  sessions(@Context() ctx: RequestContext): Promise<SessionModel[]> {
    return this.credentials.sessions(ctx.requireActor());
  }

  @Mutation(() => Boolean, { description: '退出登录：结束本次会话，其令牌自下一次请求起失效 (ends the current session; its token is refused from the next request on). Always true.' })
  logout(@Context() ctx: RequestContext): Promise<boolean> {
    return inTransaction(this.dataSource, (manager) => this.credentials.logout(manager, ctx.actor));
  }

  @Mutation(() => Int, { description: '结束本账号除当前会话外的所有会话，返回结束的会话数 (ends every other session of the caller; returns how many)' })
  revokeOtherSessions(@Context() ctx: RequestContext): Promise<number> {
    return inTransaction(this.dataSource, (manager) => this.credentials.revokeOtherSessions(manager, ctx.actor));
  }

  @Mutation(() => Int, {
    description: '修改密码：校验当前密码，设置新密码，并结束其他所有会话，返回结束的会话数 (checks the current password, sets the new one, ends every other session; returns how many)',
  })
  changePassword(
    @Context() ctx: RequestContext,
    @Args('current', { description: '当前密码 (the current password)' }) current: string,
    @Args('next', { description: '新密码，10–1024 个字符 (the new password, 10–1024 characters)' }) next: string,
  ): Promise<number> {
    const actor = ctx.actor;
    return inTransaction(this.dataSource, (manager) => this.credentials.changePassword(manager, actor, current, next));
  }

  @Mutation(() => Boolean, {
    description:
      '申请重置密码：若该邮箱有账号，发送一次性重置链接（30 分钟内有效）。无论邮箱是否存在，回答相同 (mails a single-use reset link, valid 30 minutes, if the address has an account; the answer is the same either way). Always true.',
  })
  requestPasswordReset(
    @Context() ctx: RequestContext,
    @Args('email', { description: '账号邮箱 (the account\'s e-mail address)' }) email: string,
  ): Promise<boolean> {
    return this.credentials.requestPasswordReset(email, ctx.req?.ip);
  }

  @Mutation(() => Boolean, {
    description: '用邮件中的令牌重置密码：令牌一次有效；结束该账号的所有会话并解除登录锁定 (sets a new password with the mailed token; single use; ends every session of the account and lifts its sign-in locks). Always true.',
  })
  resetPassword(
    @Args('token', { description: '重置邮件链接中的 token 参数 (the token parameter of the reset link)' }) token: string,
    @Args('next', { description: '新密码，10–1024 个字符 (the new password, 10–1024 characters)' }) next: string,
  ): Promise<boolean> {
    return inTransaction(this.dataSource, (manager) => this.credentials.resetPassword(manager, token, next));
  }

  @Mutation(() => Int, {
    description: '解除账号的登录锁定（所有网络地址）：主管部门可解除任何账号，机构所有者可解除本机构成员；返回解除的锁定数 (lifts the sign-in locks of an account from every address; returns how many were in force)',
  })
  unlockAccount(
    @Context() ctx: RequestContext,
    @Args('userId', { type: () => ID, description: '要解锁的用户 ID (the user to unlock)' }) userId: string,
  ): Promise<number> {
    const actor = ctx.actor;
    return inTransaction(this.dataSource, (manager) => this.credentials.unlockAccount(manager, actor, userId));
  }
}

import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../../../libs/platform/src/database/data-source.js';
import { IdentityService } from '../../../../libs/identity/src/identity.service.js';
import { TokenService } from '../../../../libs/identity/src/auth/token.service.js';
import type { RequestContext } from '../graphql/request-context.js';
import { AuthPayloadModel, LoginInput, RegisterInput, UserModel } from './identity.models.js';
import { toUserModel } from './identity.mappers.js';

@Resolver()
export class AuthResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
    private readonly tokens: TokenService,
  ) {}

  @Mutation(() => AuthPayloadModel)
  async register(@Args('input') input: RegisterInput): Promise<AuthPayloadModel> {
    const { user, organization } = await inTransaction(this.dataSource, (manager) => this.identity.register(manager, input));
    return this.payload(user.id, organization.id, toUserModel(user));
  }

  @Mutation(() => AuthPayloadModel)
  async login(@Args('input') input: LoginInput, @Context() ctx: RequestContext): Promise<AuthPayloadModel> {
    const { user, organization } = await this.identity.login(input.email, input.password, ctx.req?.ip);
    return this.payload(user.id, organization.id, toUserModel(user));
  }

  @Query(() => UserModel)
  me(@Context() ctx: RequestContext): UserModel {
    return toUserModel(ctx.requireUser());
  }

  private async payload(userId: string, organizationId: string, user: UserModel): Promise<AuthPayloadModel> {
    return { accessToken: await this.tokens.issue({ userId, organizationId }), user };
  }
}

import { Field, InputType } from '@nestjs/graphql';
import type { OrganizationKind } from '../../../../libs/identity/src/index.js';
import { OrganizationKindEnum } from './identity.models.js';

@InputType('OrganizationInput', { description: '注册时填写的机构信息 (the organization being registered).' })
export class OrganizationInput {
  @Field(() => OrganizationKindEnum, { description: '机构类型；主管部门（AUTHORITY）不能自行注册 (AUTHORITY cannot be self-registered).' })
  kind: OrganizationKind;

  @Field({ description: '机构法定名称，2–200 个字符 (legal name, 2–200 characters).' })
  name: string;

  @Field({ description: '统一社会信用代码，18 位，校验码须正确 (USCC, 18 characters, GB 32100 check digit).' })
  uscc: string;

  @Field({ description: '6 位行政区划代码（GB/T 2260），如 330281 余姚市 (6-digit region code).' })
  regionCode: string;
}

@InputType('RegisterInput', { description: '注册新机构及其第一个账号（负责人）(register an organization and its first account, its OWNER).' })
export class RegisterInput {
  @Field({ description: '登录邮箱，最多 254 个字符 (sign-in e-mail, at most 254 characters).' })
  email: string;

  @Field({ description: '密码，10–1024 个字符 (password, 10–1024 characters).' })
  password: string;

  @Field({ description: '姓名或显示名称，1–100 个字符 (display name, 1–100 characters).' })
  displayName: string;

  @Field(() => OrganizationInput, { description: '机构信息 (the organization).' })
  organization: OrganizationInput;
}

@InputType('LoginInput', { description: '邮箱和密码登录 (sign in with e-mail and password).' })
export class LoginInput {
  @Field({ description: '登录邮箱（不区分大小写）(sign-in e-mail, case-insensitive).' })
  email: string;

  @Field({ description: '密码 (password).' })
  password: string;
}

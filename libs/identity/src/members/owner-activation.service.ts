import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { badInput, conflict, notFound, parseId } from '../../../platform/src/index.js';
import type { Actor } from '../access/access-policy.js';
import { authorizeKind } from '../access/authorize.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { InvitationEntity } from './invitation.entity.js';
import { ownerActivationMail } from './invitation-mail.js';
import { MembersService, parseEmail } from './members.service.js';

/** Organizations per inviteImportedOwners call: the API's list limit (MAX_LIST_ITEMS); a larger import report goes in batches. */
export const MAX_ACTIVATION_BATCH = 1000;

export type ActivationSkipReason = 'NOT_FOUND' | 'NOT_ENTERPRISE' | 'HAS_OWNER' | 'NO_CONTACT_EMAIL' | 'ALREADY_INVITED';

export interface ActivationResult {
  organizationId: string;
  outcome: 'INVITED' | 'SKIPPED';
  reason: ActivationSkipReason | null;
  invitation: InvitationEntity | null;
}

/** The AUTHORITY invites an imported firm's first OWNER (OWNER_ACTIVATION invitations). */
@Injectable()
export class OwnerActivationService {
  constructor(private readonly members: MembersService) {}

  /** One firm, to an address the AUTHORITY names. A pending activation to the same address is replaced. */
  async inviteOrganizationOwner(manager: EntityManager, actor: Actor | undefined, rawOrganizationId: string, rawEmail: string): Promise<InvitationEntity> {
    authorizeKind(actor, 'inviteOrganizationOwner');
    const organizationId = parseId(rawOrganizationId, 'organizationId');
    const email = parseEmail(rawEmail, 'email');
    const org = await manager.findOne(OrganizationEntity, { where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
    if (!org) throw notFound(`机构 ${organizationId} 不存在 (organization not found)`);
    if (org.kind !== 'ENTERPRISE') {
      throw badInput('激活邀请仅用于主管部门录入的企业 (owner activation is for ENTERPRISE organizations)', 'organizationId');
    }
    if (await manager.existsBy(UserEntity, { organizationId: org.id, role: 'OWNER' })) {
      throw conflict('该企业已有负责人账号，新成员请由其负责人或管理员邀请 (the organization already has an OWNER; its members invite colleagues)', 'organizationId');
    }
    await this.members.revokePending(manager, org.id, email, actor!.userId);
    return this.invite(manager, actor!, org, email);
  }

  /**
   * Every firm of an import batch, each to the 邮箱 its row gave (organizations.contact_email).
   * Firms with an OWNER, without an address, or with a pending activation are skipped with the
   * reason, so running a batch again sends nothing twice.
   */
  async inviteImportedOwners(manager: EntityManager, actor: Actor | undefined, rawIds: readonly string[]): Promise<ActivationResult[]> {
    authorizeKind(actor, 'inviteImportedOwners');
    if (rawIds.length === 0 || rawIds.length > MAX_ACTIVATION_BATCH) {
      throw badInput(`一次可邀请 1–${MAX_ACTIVATION_BATCH} 家企业 (organizationIds must list 1–${MAX_ACTIVATION_BATCH} organizations)`, 'organizationIds');
    }
    const ids = [...new Set(rawIds.map((id, i) => parseId(id, `organizationIds[${i}]`)))];
    const orgs = await manager.find(OrganizationEntity, { where: { id: In(ids) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const owned = new Set(
      (await manager.createQueryBuilder(UserEntity, 'u').select('DISTINCT u.organization_id', 'id').where('u.organization_id IN (:...ids) AND u.role = :r', { ids, r: 'OWNER' }).getRawMany<{ id: string }>()).map((r) => r.id),
    );
    const invited = new Set(
      (
        await manager
          .createQueryBuilder(InvitationEntity, 'i')
          .select('DISTINCT i.organization_id', 'id')
          .where("i.organization_id IN (:...ids) AND i.kind = 'OWNER_ACTIVATION' AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()", { ids })
          .getRawMany<{ id: string }>()
      ).map((r) => r.id),
    );
    const results: ActivationResult[] = [];
    for (const id of ids) {
      const org = byId.get(id);
      const skip = (reason: ActivationSkipReason) => results.push({ organizationId: id, outcome: 'SKIPPED', reason, invitation: null });
      if (!org) skip('NOT_FOUND');
      else if (org.kind !== 'ENTERPRISE') skip('NOT_ENTERPRISE');
      else if (owned.has(id)) skip('HAS_OWNER');
      else if (!org.contactEmail) skip('NO_CONTACT_EMAIL');
      else if (invited.has(id)) skip('ALREADY_INVITED');
      else {
        // An expired activation to the same address is still "pending" for the unique index: close it.
        await this.members.revokePending(manager, org.id, org.contactEmail, actor!.userId);
        const invitation = await this.invite(manager, actor!, org, org.contactEmail);
        results.push({ organizationId: id, outcome: 'INVITED', reason: null, invitation });
      }
    }
    return results;
  }

  private async invite(manager: EntityManager, actor: Actor, org: OrganizationEntity, email: string): Promise<InvitationEntity> {
    const authority = await manager.findOneByOrFail(OrganizationEntity, { id: actor.organizationId });
    const { invitation, raw } = await this.members.createInvitation(manager, { organizationId: org.id, email, role: 'OWNER', kind: 'OWNER_ACTIVATION', invitedBy: actor.userId });
    await this.members.sendMail(
      manager,
      ownerActivationMail({ to: email, rawToken: raw, role: 'OWNER', organizationName: org.name, inviterOrganizationName: authority.name, expiresAt: invitation.expiresAt }),
    );
    return invitation;
  }
}

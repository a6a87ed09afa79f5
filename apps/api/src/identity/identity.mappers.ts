import type { OrganizationEntity, UserEntity, InvitationEntity } from '../../../../libs/identity/src/index.js';
import { OrganizationModel, UserModel } from './identity.models.js';
import { InvitationModel } from './members.models.js';

export function toOrganizationModel(e: OrganizationEntity): OrganizationModel {
  return Object.assign(new OrganizationModel(), {
    id: e.id,
    kind: e.kind,
    name: e.name,
    // A released organization shows the code it had claimed (flagged by usccReleased).
    uscc: e.uscc ?? e.releasedUscc ?? '',
    usccReleased: e.uscc === null,
    regionCode: e.regionCode,
    verified: e.verified,
    verifiedAt: e.verifiedAt,
    verificationState: e.verificationState,
    verificationReason: e.verificationReason,
    verificationDecidedAt: e.verificationDecidedAt,
    verificationDecidedBy: e.verificationDecidedBy,
    address: e.address ?? null,
    website: e.website ?? null,
    description: e.description ?? null,
    contactDetails: { name: e.contactName ?? null, phone: e.contactPhone ?? null, email: e.contactEmail ?? null },
  });
}

export function toUserModel(e: UserEntity): UserModel {
  return Object.assign(new UserModel(), { id: e.id, email: e.email, displayName: e.displayName, role: e.role, createdAt: e.createdAt, organizationId: e.organizationId });
}

export function toInvitationModel(e: InvitationEntity): InvitationModel {
  return Object.assign(new InvitationModel(), {
    id: e.id,
    email: e.email,
    role: e.role,
    kind: e.kind,
    organizationId: e.organizationId,
    expiresAt: e.expiresAt,
    createdAt: e.createdAt,
    acceptedAt: e.acceptedAt,
    revokedAt: e.revokedAt,
  });
}

import type { OrganizationEntity } from '../../../../libs/identity/src/organizations/organization.entity.js';
import type { UserEntity } from '../../../../libs/identity/src/users/user.entity.js';
import { OrganizationModel, UserModel } from './identity.models.js';

export function toOrganizationModel(e: OrganizationEntity): OrganizationModel {
  return Object.assign(new OrganizationModel(), {
    id: e.id,
    kind: e.kind,
    name: e.name,
    uscc: e.uscc,
    regionCode: e.regionCode,
    verified: e.verified,
    verifiedAt: e.verifiedAt,
    verificationState: e.verificationState,
    verificationReason: e.verificationReason,
    verificationDecidedAt: e.verificationDecidedAt,
    verificationDecidedBy: e.verificationDecidedBy,
  });
}

export function toUserModel(e: UserEntity): UserModel {
  return Object.assign(new UserModel(), { id: e.id, email: e.email, displayName: e.displayName, organizationId: e.organizationId });
}

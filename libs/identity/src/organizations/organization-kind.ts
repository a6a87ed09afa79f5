export const ORGANIZATION_KINDS = [
  'ENTERPRISE',
  'SERVICE_PROVIDER',
  'BANK',
  'ANCHOR_ENTERPRISE',
  'PARK_OPERATOR',
  'AUTHORITY',
] as const;

export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Chinese names used in messages a person reads. */
export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, string> = {
  ENTERPRISE: '企业',
  SERVICE_PROVIDER: '服务机构',
  BANK: '银行',
  ANCHOR_ENTERPRISE: '链主/龙头企业',
  PARK_OPERATOR: '园区运营方',
  AUTHORITY: '主管部门',
};

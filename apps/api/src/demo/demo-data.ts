/**
 * Fictional demo organisations around Ningbo (余姚 / 镇海 / 鄞州 …) for local
 * runs and the demo seed. Names, people and codes are invented; any match with
 * a real entity is accidental. 宁波市经济和信息化局 is the one real body, used
 * as the authority role, but its credit code here is fictional too.
 */
import { makeUscc } from '../../../../libs/identity/src/index.js';

export type DemoOrgKind =
  | 'ENTERPRISE'
  | 'SERVICE_PROVIDER'
  | 'BANK'
  | 'ANCHOR_ENTERPRISE'
  | 'PARK_OPERATOR'
  | 'AUTHORITY';

export interface DemoOrganization {
  key: string;
  kind: DemoOrgKind;
  name: string;
  uscc: string;
  regionCode: string;
  verified: boolean;
  user: { email: string; displayName: string };
}

export const DEMO_PASSWORD = 'demo-password-2026';

const EMAIL_DOMAIN = 'demo.srdi.example';

interface DemoSpec {
  key: string;
  kind: DemoOrgKind;
  name: string;
  regionCode: string;
  /**
   * First 8 chars of the 组织机构代码. "MHDEM…" is made up: it is not in the
   * "MA…" series given to entities registered since 2015, and it marks the
   * code as demo data, to stay clear of real registrations.
   */
  orgCodeBody: string;
  verified: boolean;
  displayName: string;
}

/** Enterprises, banks, providers and park operators register with 市场监管 as 企业 (91); the 经信局 is a 机关 under 机构编制 (11). */
function prefixFor(kind: DemoOrgKind): string {
  return kind === 'AUTHORITY' ? '11' : '91';
}

function build(spec: DemoSpec): DemoOrganization {
  return Object.freeze({
    key: spec.key,
    kind: spec.kind,
    name: spec.name,
    // Built rather than hard-coded so a typo cannot produce an invalid code and positions 3-8 always match regionCode.
    uscc: makeUscc(prefixFor(spec.kind), spec.regionCode, spec.orgCodeBody),
    regionCode: spec.regionCode,
    verified: spec.verified,
    user: Object.freeze({ email: `${spec.key}@${EMAIL_DOMAIN}`.toLowerCase(), displayName: spec.displayName }),
  });
}

const SPECS: readonly DemoSpec[] = [
  // Enterprises: Yuyao's optoelectronics / mould / robotics chains, Zhenhai new materials, Yinzhou sensors.
  {
    key: 'yuyao-optics',
    kind: 'ENTERPRISE',
    name: '余姚市澄曜光电科技有限公司',
    regionCode: '330281',
    orgCodeBody: 'MHDEM001',
    verified: true,
    displayName: '周明远',
  },
  {
    key: 'yuyao-mould',
    kind: 'ENTERPRISE',
    name: '余姚市衡匠精密模具有限公司',
    regionCode: '330281',
    orgCodeBody: 'MHDEM002',
    verified: true,
    displayName: '孙立群',
  },
  {
    // Left unverified to demonstrate the verification flow.
    key: 'yuyao-robotics',
    kind: 'ENTERPRISE',
    name: '余姚市灵枢智能机器人有限公司',
    regionCode: '330281',
    orgCodeBody: 'MHDEM003',
    verified: false,
    displayName: '黄嘉禾',
  },
  {
    key: 'zhenhai-materials',
    kind: 'ENTERPRISE',
    name: '宁波镇澜新材料科技有限公司',
    regionCode: '330211',
    orgCodeBody: 'MHDEM004',
    verified: true,
    displayName: '陈书航',
  },
  {
    key: 'yinzhou-sensors',
    kind: 'ENTERPRISE',
    name: '宁波钱湖智能传感科技有限公司',
    regionCode: '330212',
    orgCodeBody: 'MHDEM005',
    verified: true,
    displayName: '林晓岚',
  },

  // Service providers.
  {
    key: 'mingce-ip',
    kind: 'SERVICE_PROVIDER',
    name: '宁波明策知识产权代理有限公司',
    regionCode: '330212',
    orgCodeBody: 'MHDEM006',
    verified: true,
    displayName: '吴思远',
  },
  {
    // Left unverified to demonstrate the verification flow.
    key: 'shuzhi-digital',
    kind: 'SERVICE_PROVIDER',
    name: '宁波数智港数字化转型服务有限公司',
    regionCode: '330205',
    orgCodeBody: 'MHDEM007',
    verified: false,
    displayName: '郑一凡',
  },

  // Testing / certification and SME consulting, for a wider spread of service categories.
  {
    key: 'yongjian-testing',
    kind: 'SERVICE_PROVIDER',
    name: '宁波甬鉴检测认证技术服务有限公司',
    regionCode: '330211',
    orgCodeBody: 'MHDEM015',
    verified: true,
    displayName: '蒋文博',
  },
  {
    key: 'sanjiang-consulting',
    kind: 'SERVICE_PROVIDER',
    name: '宁波三江企业管理咨询有限公司',
    regionCode: '330203',
    orgCodeBody: 'MHDEM016',
    verified: true,
    displayName: '沈佳宁',
  },

  // Banks.
  {
    key: 'yongjiang-bank',
    kind: 'BANK',
    name: '宁波甬江农村商业银行股份有限公司',
    regionCode: '330203',
    orgCodeBody: 'MHDEM008',
    verified: true,
    displayName: '王慧敏',
  },
  {
    key: 'mingzhou-bank',
    kind: 'BANK',
    name: '宁波明州商业银行股份有限公司',
    regionCode: '330212',
    orgCodeBody: 'MHDEM009',
    verified: true,
    displayName: '徐振华',
  },

  {
    key: 'siming-bank',
    kind: 'BANK',
    name: '宁波四明银行股份有限公司',
    regionCode: '330203',
    orgCodeBody: 'MHDEM017',
    verified: true,
    displayName: '冯雅琴',
  },
  {
    key: 'haifeng-bank',
    kind: 'BANK',
    name: '宁波镇海海丰农村商业银行股份有限公司',
    regionCode: '330211',
    orgCodeBody: 'MHDEM018',
    verified: true,
    displayName: '邵建平',
  },
  {
    key: 'yaojiang-bank',
    kind: 'BANK',
    name: '余姚姚江村镇银行股份有限公司',
    regionCode: '330281',
    orgCodeBody: 'MHDEM019',
    verified: true,
    displayName: '史晓东',
  },

  // Anchor enterprises (发榜方): Zhenhai petrochemical equipment, Beilun auto parts, Yuyao home appliances.
  {
    key: 'zhaobao-petrochem',
    kind: 'ANCHOR_ENTERPRISE',
    name: '宁波招宝石化装备集团有限公司',
    regionCode: '330211',
    orgCodeBody: 'MHDEM010',
    verified: true,
    displayName: '钱卫东',
  },
  {
    key: 'beilun-auto',
    kind: 'ANCHOR_ENTERPRISE',
    name: '宁波甬港汽车零部件集团有限公司',
    regionCode: '330206',
    orgCodeBody: 'MHDEM011',
    verified: true,
    displayName: '赵国梁',
  },

  {
    key: 'shunjiang-appliance',
    kind: 'ANCHOR_ENTERPRISE',
    name: '余姚舜江智能家电集团有限公司',
    regionCode: '330281',
    orgCodeBody: 'MHDEM020',
    verified: true,
    displayName: '施国华',
  },

  // Park operators.
  {
    key: 'yuyao-sme-park',
    kind: 'PARK_OPERATOR',
    name: '余姚市姚北小微企业园运营管理有限公司',
    regionCode: '330281',
    orgCodeBody: 'MHDEM012',
    verified: true,
    displayName: '胡静怡',
  },
  {
    key: 'zhenhai-srdi-park',
    kind: 'PARK_OPERATOR',
    name: '宁波镇海专精特新产业园运营管理有限公司',
    regionCode: '330211',
    orgCodeBody: 'MHDEM013',
    verified: true,
    displayName: '杨子墨',
  },

  // Authority.
  {
    key: 'authority',
    kind: 'AUTHORITY',
    name: '宁波市经济和信息化局',
    regionCode: '330200',
    orgCodeBody: 'MHDEM014',
    verified: true,
    displayName: '宁波市经信局（演示）',
  },
];

export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = Object.freeze(SPECS.map(build));

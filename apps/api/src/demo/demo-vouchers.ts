import type { DataSource, EntityManager } from 'typeorm';
import { OrganizationEntity, UserEntity, type Actor } from '../../../../libs/identity/src/index.js';
import { ListingEntity } from '../../../../libs/listings/src/index.js';
import { MatchRequestEntity, MatchRequestService } from '../../../../libs/matching/src/index.js';
import { SettableClock, systemClock, todayInShanghai } from '../../../../libs/platform/src/index.js';
import { VoucherClaimService, VoucherGrantService, VoucherProgrammeEntity, VoucherProgrammeService } from '../../../../libs/vouchers/src/index.js';
import { DEMO_ORGANIZATIONS } from './demo-data.js';

const WAN = 1_000_000; // 1 万元 in fen
const DAY = 86_400_000;
const shift = (today: string, days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * One open Ningbo programme (issue 22) with three contracted institutions and vouchers in every
 * state — applied, declined, granted, redeemed and settled, expired, cancelled — and claims waiting
 * for the firm, and flagged (disputed) awaiting a second approver. Driven through the voucher
 * services as the AUTHORITY, the firms and the institutions would; only while no programme exists,
 * and only when the AUTHORITY has a user.
 */
export async function seedDemoVouchers(dataSource: DataSource, manager: EntityManager): Promise<number> {
  if (await manager.exists(VoucherProgrammeEntity)) return 0;
  const authorityOrg = await manager.findOneBy(OrganizationEntity, { kind: 'AUTHORITY' });
  const authorityUser = authorityOrg && (await manager.findOneBy(UserEntity, { organizationId: authorityOrg.id }));
  if (!authorityOrg || !authorityUser) return 0;
  const authority: Actor = { userId: authorityUser.id, organizationId: authorityOrg.id, kind: 'AUTHORITY', verified: true, role: 'OWNER' };
  const actorOf = async (key: string): Promise<Actor> => {
    const demo = DEMO_ORGANIZATIONS.find((o) => o.key === key)!;
    const org = await manager.findOneByOrFail(OrganizationEntity, { uscc: demo.uscc });
    const user = await manager.findOneByOrFail(UserEntity, { organizationId: org.id });
    return { userId: user.id, organizationId: org.id, kind: org.kind, verified: org.verified };
  };
  const today = todayInShanghai();
  const programmes = new VoucherProgrammeService(systemClock);
  const grants = new VoucherGrantService(systemClock);
  const claims = new VoucherClaimService(systemClock);

  const created = await programmes.create(manager, authority, {
    name: '宁波市专精特新中小企业服务券（2026 年度）',
    issuer: '宁波市经济和信息化局',
    budgetFen: 500 * WAN,
    coverPercent: 50,
    capPerVoucherFen: 2 * WAN,
    capPerFirmYearFen: 10 * WAN,
    eligibleRegionCodes: ['330200'],
    serviceCategories: ['INTELLECTUAL_PROPERTY', 'TESTING_CERTIFICATION', 'POLICY_APPLICATION', 'DIGITAL_TRANSFORMATION', 'MANAGEMENT_CONSULTING'],
    applyFrom: shift(today, -400),
    applyUntil: shift(today, 200),
    validityMonths: 9,
  });
  const p = created.id;
  for (const key of ['mingce-ip', 'yongjian-testing', 'sanjiang-consulting']) {
    await programmes.addInstitution(manager, authority, p, (await actorOf(key)).organizationId, '2026 年度服务券服务机构公开征集入围');
  }
  await programmes.setStatus(manager, authority, p, 'OPEN');

  const optics = await actorOf('yuyao-optics');
  const mould = await actorOf('yuyao-mould');
  const materials = await actorOf('zhenhai-materials');
  const sensors = await actorOf('yinzhou-sensors');
  const apply = (firm: Actor, serviceCategory: string, amountFen: number, purpose: string, g = grants) => g.apply(manager, firm, { programmeId: p, serviceCategory, amountFen, purpose });
  const grant = async (firm: Actor, category: string, amountFen: number, purpose: string, g = grants) =>
    g.decide(manager, authority, (await apply(firm, category, amountFen, purpose, g)).id, { approve: true });

  // EXPIRED: granted ten months ago, never used; the expiry releases its reservation.
  const past = new VoucherGrantService(new SettableClock(new Date(Date.now() - 300 * DAY)));
  await grant(mould, 'MANAGEMENT_CONSULTING', 1 * WAN, '精益生产诊断', past);
  // Inside the seed's transaction: the expiry runs on the same manager (its rows are not visible elsewhere yet).
  await grants.expire({ transaction: (work) => work(manager), query: manager.query.bind(manager) });
  // APPLIED and DECLINED.
  await apply(materials, 'TESTING_CERTIFICATION', 1.5 * WAN, '新材料老化性能 CNAS 检测');
  const declined = await apply(materials, 'POLICY_APPLICATION', 2 * WAN, '申报');
  await grants.decide(manager, authority, declined.id, { approve: false, reasonCode: 'VOUCHER_PURPOSE_UNCLEAR', note: '请写明拟申报的称号与所需服务' });
  // CANCELLED.
  const cancelled = await grant(mould, 'POLICY_APPLICATION', 0.8 * WAN, '“小巨人”申报辅导');
  await grants.cancel(manager, authority, cancelled.id, '企业已通过其他渠道获得同类补助');
  // GRANTED, not yet used.
  await grant(sensors, 'DIGITAL_TRANSFORMATION', 2 * WAN, '车间设备联网与 MES 轻量化改造');

  const requestFor = async (enterpriseKey: string, title: string) => {
    const listing = await manager.findOneByOrFail(ListingEntity, { title, status: 'PUBLISHED' });
    return manager.findOneBy(MatchRequestEntity, { listingId: listing.id, enterpriseOrganizationId: (await actorOf(enterpriseKey)).organizationId });
  };
  // REDEEMED and SETTLED: the patent-layout service delivered to 余姚光学 (demo-match-requests.ts).
  const mingce = await actorOf('mingce-ip');
  const layout = await requestFor('yuyao-optics', '高价值发明专利挖掘与布局服务');
  if (layout) {
    const v = await grant(optics, 'INTELLECTUAL_PROPERTY', 2 * WAN, '车载镜头模组专利布局');
    await claims.attach(manager, optics, v.id, layout.id);
    const c = await claims.submit(manager, mingce, v.id, { contractValueFen: 68_000 * 100, claimFen: 1.9 * WAN, invoiceNumber: '33022612345678', deliveredOn: today });
    await claims.confirm(manager, optics, c.id, true);
    const approved = await claims.decide(manager, authority, c.id, { decision: 'APPROVE', note: '材料齐全' });
    if (approved.status === 'APPROVED') await claims.settle(manager, authority, p, [c.id], '2026 年第一批结算');
  }
  // DISPUTED, flagged, first approval given: awaiting a second approver (the 车规试验 that failed).
  const testing = await requestFor('yinzhou-sensors', '汽车电子车规级可靠性与 EMC 试验');
  if (testing) {
    const v = await grant(sensors, 'TESTING_CERTIFICATION', 2 * WAN, 'AEC-Q100 与 EMC 试验');
    await claims.attach(manager, sensors, v.id, testing.id);
    const c = await claims.submit(manager, await actorOf('yongjian-testing'), v.id, { contractValueFen: 3 * WAN, claimFen: 1.5 * WAN, invoiceNumber: '33022687654321', deliveredOn: today });
    await claims.confirm(manager, sensors, c.id, false, 'EMC 试验未出具正式报告');
    await claims.decide(manager, authority, c.id, { decision: 'APPROVE', note: '已电话核实试验记录，提请复核' });
  }
  // SUBMITTED, waiting for the firm: a new request for 贯标辅导, accepted by 明策.
  const requests = new MatchRequestService(dataSource);
  const standard = await manager.findOneByOrFail(ListingEntity, { title: '知识产权管理体系贯标辅导（GB/T 29490-2023）', status: 'PUBLISHED' });
  const request = await requests.request(manager, mould, { listingId: standard.id, shareProfile: false, message: '拟用服务券开展知识产权贯标。' });
  await requests.respond(manager, mingce, request.id, true, '可用服务券，已安排辅导老师。');
  const v = await grant(mould, 'INTELLECTUAL_PROPERTY', 1.5 * WAN, '知识产权管理体系贯标');
  await claims.attach(manager, mould, v.id, request.id);
  await claims.submit(manager, mingce, v.id, { contractValueFen: 4 * WAN, claimFen: 1.2 * WAN, invoiceNumber: '33022611112222', deliveredOn: today });
  return 1;
}

/**
 * A realistic generated corpus of Ningbo / Yuyao / Zhenhai / Yuhang listings for search tests and the
 * search benchmark: service offerings (知识产权, 数字化转型, 检验检测, 节能降碳…), credit products
 * (知识产权质押融资, 贷投联动, 人才贷, 订单融资…), 揭榜 challenges and park vacancies (标准厂房 1000平,
 * 层高, 楼面荷载…), about 150 characters each, deterministic for a seed.
 *
 * `relevanceCorpus()` adds hand-written anchors (the expected best hit of labelled queries) and
 * decoys (newer listings that mention the same words only in their description or only through a
 * synonym) to 400 generated listings. Generated listings are published in 2023–2024, anchors in
 * 2025 and decoys in 2026, so an anchor that comes first beats newer decoys on relevance alone.
 */
import type { SearchDocument, SearchListingKind } from '../../../libs/search/src/search-index.port.js';

import { rng } from '../../helpers/seeded-random.js';
import { SERVICE_CATEGORIES as SERVICE_CATEGORY_CODES } from '../../../libs/enterprises/src/enterprise-tier.js';
import { CREDIT_PRODUCT_TYPES } from '../../../libs/listings/src/listing-enums.js';

export { rng };

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

export const REGIONS = ['330203', '330205', '330206', '330211', '330212', '330213', '330281', '330282', '330226', '330225', '330200', '330110', '330100'];
const REGION_NAMES: Record<string, string> = {
  '330203': '海曙区',
  '330205': '江北区',
  '330206': '北仑区',
  '330211': '镇海区',
  '330212': '鄞州区',
  '330213': '奉化区',
  '330281': '余姚市',
  '330282': '慈溪市',
  '330226': '宁海县',
  '330225': '象山县',
  '330200': '宁波市',
  '330110': '杭州市余杭区',
  '330100': '杭州市',
};
export const INDUSTRIES = ['C3484', 'C3511', 'C3670', 'C3660', 'C3971', 'C3982', 'C3891', 'C3841', 'C2927', 'C4011', 'C3311', 'C3399', 'C2641', 'C3517'];
const INDUSTRY_WORDS: Record<string, string> = {
  C3484: '机械零部件',
  C3511: '矿山机械',
  C3670: '汽车零部件',
  C3660: '新能源汽车电驱',
  C3971: '电子元件',
  C3982: '电子电路',
  C3891: '电池',
  C3841: '锂离子电池',
  C2927: '日用塑料制品',
  C4011: '工业自动控制系统',
  C3311: '金属结构',
  C3399: '精密铸件',
  C2641: '涂料',
  C3517: '注塑模具',
};
// The product's own code lists, so the corpus cannot drift from them.
export const SERVICE_CATEGORIES: string[] = [...SERVICE_CATEGORY_CODES];
export const CREDIT_TYPES: string[] = CREDIT_PRODUCT_TYPES.filter((t) => t !== 'OTHER');

const SERVICE_TEXT: Record<string, { owners: string[]; titles: string[]; bodies: string[] }> = {
  TECH_INNOVATION: {
    owners: ['宁波市工业技术研究院', '甬江实验室成果转化中心', '余姚市机器人研究中心'],
    titles: ['企业研发中心建设辅导', '共性技术研发与中试服务', '产学研合作对接与联合攻关', '精密加工工艺优化服务'],
    bodies: ['依托省级重点实验室，为中小企业提供工艺仿真、样机试制和中试验证，缩短新品研发周期。', '组织高校专家团队开展联合攻关，协助企业申报省级研发机构，提升研发投入强度。'],
  },
  INTELLECTUAL_PROPERTY: {
    owners: ['宁波甬信知识产权代理有限公司', '宁波市知识产权保护中心', '浙江永鼎专利事务所'],
    titles: ['高价值专利培育与布局', '知识产权贯标辅导', '专利申请与商标注册代理', '知识产权运营与评估服务'],
    bodies: ['提供发明专利挖掘、专利布局和侵权风险分析，协助企业通过知识产权管理体系认证。', '为质押融资提供专利价值评估报告，对接银行办理知识产权质押登记。'],
  },
  DIGITAL_TRANSFORMATION: {
    owners: ['宁波智造数字科技有限公司', '镇海工业互联网服务中心', '浙江蓝卓工业互联网信息技术有限公司宁波分公司'],
    titles: ['中小企业数字化转型诊断', '智能工厂规划与MES实施', '工业互联网平台上云服务', '数字化车间改造方案设计'],
    bodies: ['按照数字化水平测评标准开展现场诊断，输出改造路线图，对接MES、WMS与设备联网方案。', '提供设备数采、5G专网与边缘计算部署，帮助企业实现生产过程透明化和质量追溯。'],
  },
  GREEN_LOW_CARBON: {
    owners: ['宁波绿源节能技术服务有限公司', '浙江省节能协会宁波服务站', '北仑区双碳服务中心'],
    titles: ['节能降碳诊断服务', '碳核算与碳足迹报告编制', '绿色工厂创建辅导', '合同能源管理与光伏改造'],
    bodies: ['开展能源审计和节能诊断，测算空压机、注塑机等重点设备能耗，提出降碳改造措施。', '依据国家标准编制温室气体排放报告，协助企业申报绿色工厂和绿色供应链管理企业。'],
  },
  FINANCING_ADVISORY: {
    owners: ['宁波市中小企业融资服务中心', '甬创投融资服务有限公司'],
    titles: ['投融资路演与股权融资对接', '融资方案设计与银行对接', '上市辅导与股改咨询'],
    bodies: ['梳理企业财务与股权结构，对接创投机构和银行，设计股权融资与债权融资组合方案。', '组织专精特新企业专场路演，每季度对接基金二十余家。'],
  },
  MARKET_EXPANSION: {
    owners: ['宁波国际贸易促进服务中心', '甬品出海跨境服务有限公司'],
    titles: ['跨境电商出海服务', '展会对接与海外市场开拓', '品牌策划与渠道拓展'],
    bodies: ['提供海外参展、跨境电商店铺运营与海外仓对接，帮助制造企业拓展欧美和东南亚市场。'],
  },
  MANAGEMENT_CONSULTING: {
    owners: ['宁波卓越管理咨询有限公司', '甬企精益管理研究院'],
    titles: ['精益生产管理咨询', '绩效管理与组织诊断', '企业战略规划咨询'],
    bodies: ['派驻顾问开展精益生产现场改善，导入阿米巴经营和全面预算管理，提升人均产值。'],
  },
  INDUSTRY_MATCHING: {
    owners: ['宁波市产业链协同服务中心', '余姚市大中小企业融通服务站'],
    titles: ['大中小企业融通对接会', '产业链供需对接服务', '龙头企业配套准入辅导'],
    bodies: ['组织龙头企业与中小企业开展配套对接，发布采购清单，协助企业进入龙头企业供应商名录。'],
  },
  TALENT_TRAINING: {
    owners: ['宁波技师学院企业培训中心', '甬才人力资源服务有限公司'],
    titles: ['数控技能人才培训', '专精特新企业经营管理人才研修班', '工程师职称评审辅导'],
    bodies: ['面向制造企业开展数控加工、工业机器人操作等技能培训，可申请职业技能提升补贴。'],
  },
  LEGAL_TAX: {
    owners: ['浙江甬法律师事务所', '宁波立信财税咨询有限公司'],
    titles: ['研发费用加计扣除辅导', '合同审查与知识产权法律服务', '财税合规体检'],
    bodies: ['协助企业规范研发费用归集，享受加计扣除和高新技术企业所得税优惠，防范税务风险。'],
  },
  TESTING_CERTIFICATION: {
    owners: ['宁波市计量测试研究院', '浙江方圆检测集团宁波分公司', '中检集团宁波检测认证有限公司'],
    titles: ['检验检测与计量校准服务', 'ISO9001质量管理体系认证', 'CNAS实验室检测服务', '产品CE认证与出口检测'],
    bodies: ['具备CMA和CNAS资质，提供材料力学性能、盐雾试验与尺寸精度检测，出具检测报告。', '辅导企业建立ISO9001、IATF16949质量管理体系，协助通过第三方认证审核。'],
  },
  POLICY_APPLICATION: {
    owners: ['宁波市中小企业公共服务中心', '余姚市科创咨询有限公司', '镇海区企业服务中心'],
    titles: ['专精特新企业申报辅导', '高新技术企业认定辅导', '科技型中小企业评价入库服务', '首台套产品认定申报'],
    bodies: ['对照梯度培育认定标准开展企业自评，指导填报优质中小企业梯度培育平台材料。', '梳理研发项目与知识产权，辅导企业通过高新技术企业认定和科技型中小企业评价。'],
  },
};

const BANKS = ['宁波银行', '浙商银行宁波分行', '中国工商银行宁波市分行', '宁波鄞州农村商业银行', '杭州银行宁波分行', '中国农业银行余姚支行', '宁波通商银行'];
const CREDIT_TEXT: Record<string, { titles: string[]; bodies: string[] }> = {
  IP_PLEDGE: {
    titles: ['知识产权质押融资', '专利权质押贷款', '知识产权质押融资专精特新专享'],
    bodies: ['以发明专利、实用新型或商标专用权出质，质押率最高可达评估价值的50%，享受市级贴息。'],
  },
  LOAN_INVESTMENT_LINKAGE: {
    titles: ['科创企业贷投联动', '认股选择权贷款', '科创成长贷'],
    bodies: ['银行与合作创投基金联动，对已获股权融资的科创企业给予信用贷款，附认股选择权。'],
  },
  CREDIT_LOAN: {
    titles: ['科技信用贷', '专精特新信用贷款', '小微企业纯信用贷'],
    bodies: ['无需抵押担保，依据纳税、社保和用电数据线上审批，最快当天放款，随借随还。'],
  },
  TALENT_LOAN: {
    titles: ['人才贷', '甬江人才创业贷款'],
    bodies: ['面向入选市级以上人才计划的创业团队，按人才层次核定授信额度，最高1000万元。'],
  },
  ORDER_FINANCING: {
    titles: ['订单融资', '政采订单贷'],
    bodies: ['凭核心企业或政府采购订单申请融资，按订单金额的70%核定额度，回款自动还款。'],
  },
  SUPPLY_CHAIN: {
    titles: ['供应链金融应收账款融资', '核心企业供应链融资'],
    bodies: ['依托龙头企业确权应收账款，为上游配套企业提供保理和应收账款质押融资，线上秒批。'],
  },
  TECH_REFINANCING: {
    titles: ['科技创新再贷款专项', '技术改造再贷款设备更新贷款'],
    bodies: ['运用人民银行科技创新和技术改造再贷款资金，支持设备更新和技改项目，利率优惠。'],
  },
};

const ANCHOR_ENTERPRISES = ['宁波甬华汽车零部件集团', '余姚光电科技股份有限公司', '镇海石化装备有限公司', '北仑智能模具集团', '慈溪家电产业集团', '宁波新材料科技股份有限公司'];
const CHALLENGE_TOPICS = [
  ['一体化压铸模具热处理工艺攻关', '模具寿命提升至10万模次以上，热裂纹率低于0.5%'],
  ['高精度光学镜头自动对焦马达降噪', '噪声低于25dB，对焦时间小于0.3秒'],
  ['5G工业网关国产化替代', '支持5G SA组网，时延低于10ms，通过工业级温度测试'],
  ['锂电池极片缺陷机器视觉检测', '检出率99.5%以上，误判率低于0.2%'],
  ['注塑件翘曲变形控制', '平面度控制在0.05mm以内，良率提升到98%'],
  ['伺服电机编码器芯片国产化', '分辨率23位，工作温度-40至105摄氏度'],
  ['石化装备防腐涂层寿命提升', '盐雾试验3000小时无起泡'],
];
const PARKS = [
  ['镇海区骆驼机电小微企业园', '330211'],
  ['余姚市阳明科创园', '330281'],
  ['鄞州区姜山小微园', '330212'],
  ['北仑区大碶智造产业园', '330206'],
  ['慈溪市周巷小微企业园', '330282'],
  ['余杭区仁和先进制造业基地', '330110'],
] as const;

const SERVICE_TAILS = [
  '可使用科技创新券抵扣部分费用，专精特新企业享受八折优惠。',
  '提供线上预约和上门服务，首次诊断免费，结果纳入企业服务档案。',
  '服务团队具有中级以上职称人员十余名，可出具正式报告。',
  '已纳入市级中小企业公共服务示范平台服务目录。',
];
const CREDIT_TAILS = [
  '申请条件：在宁波注册满两年，纳税信用B级以上，无不良记录。',
  '专精特新和高新技术企业可享受利率优惠与财政贴息。',
  '支持线上申请，客户经理三个工作日内上门对接。',
  '政府性融资担保机构提供增信，风险补偿资金池分担风险。',
];
const CHALLENGE_TAILS = [
  '支持联合开发，知识产权按合同约定归属。',
  '欢迎高校院所组成联合体揭榜，验收合格后纳入供应商名录。',
  '发榜企业提供测试产线与样件，攻关周期不超过二十四个月。',
  '优先考虑本地专精特新中小企业，可申请市级揭榜挂帅项目补助。',
];
const PARK_TAILS = [
  '园区配套食堂、宿舍和充电桩，距高速出口约十分钟车程。',
  '入园要求亩均税收不低于三十万元，适合智能制造和新材料企业。',
  '可办理环评与消防验收，支持工业上楼改造，拎包入驻。',
  '星级小微企业园，提供政策代办、融资对接和人才招聘服务。',
];

export interface CorpusOptions {
  /** Epoch ms of the first publication (default 2023-01-01). */
  from?: number;
  /** Spread of publication dates in ms (default two years). */
  span?: number;
  idPrefix?: string;
}

function uuidFor(prefix: string, n: number): string {
  return `${prefix}${n.toString(16).padStart(12, '0')}`;
}

/** `n` generated listings, deterministic for `seed`; about 150 characters of text each. */
export function generateListings(n: number, seed = 42, options: CorpusOptions = {}): SearchDocument[] {
  const r = rng(seed);
  const from = options.from ?? Date.UTC(2023, 0, 1);
  const span = options.span ?? 2 * 365 * 86_400_000;
  const prefix = options.idPrefix ?? '00000000-0000-4000-8000-';
  const kinds: SearchListingKind[] = ['SERVICE_OFFERING', 'SERVICE_OFFERING', 'CREDIT_PRODUCT', 'CHALLENGE', 'PARK_VACANCY'];
  const docs: SearchDocument[] = [];
  for (let i = 0; i < n; i++) {
    const kind = pick(r, kinds);
    const region = pick(r, REGIONS);
    const regionName = REGION_NAMES[region]!;
    const industry = pick(r, INDUSTRIES);
    const base = {
      id: uuidFor(prefix, i + 1),
      kind,
      publishedAt: from + Math.floor(r() * span),
      version: 1 + int(r, 0, 3),
      serviceCategory: null as string | null,
      creditProductType: null as string | null,
    };
    if (kind === 'SERVICE_OFFERING') {
      const category = pick(r, SERVICE_CATEGORIES);
      const t = SERVICE_TEXT[category]!;
      const owner = pick(r, t.owners);
      docs.push({
        ...base,
        title: `${pick(r, t.titles)}（${regionName}）`,
        description: `${pick(r, t.bodies)}已服务${int(r, 30, 600)}家企业，满意度${int(r, 85, 99)}%，服务周期约${int(r, 2, 12)}周。${pick(r, SERVICE_TAILS)}`,
        extraText: `${owner} 服务 ${INDUSTRY_WORDS[industry]}`,
        tags: [pick(r, ['专精特新', '小巨人', '创新型中小企业', '规上企业', '科技型中小企业'])],
        ownerName: owner,
        regionCodes: r() < 0.15 ? [] : [region],
        industryCodes: r() < 0.6 ? [] : [industry],
        serviceCategory: category,
      });
    } else if (kind === 'CREDIT_PRODUCT') {
      const type = pick(r, CREDIT_TYPES);
      const t = CREDIT_TEXT[type]!;
      const bank = pick(r, BANKS);
      docs.push({
        ...base,
        title: `${bank}${pick(r, t.titles)}`,
        description: `${pick(r, t.bodies)}额度${int(r, 1, 30) * 100}万元以内，期限${pick(r, [12, 24, 36])}个月，年化利率${(2.8 + r() * 1.6).toFixed(2)}%起。${pick(r, CREDIT_TAILS)}`,
        extraText: `金融产品 融资 贷款 ${bank} ${regionName}`,
        tags: [pick(r, ['普惠金融', '科技金融', '专精特新'])],
        ownerName: bank,
        regionCodes: r() < 0.3 ? ['330200'] : [region],
        industryCodes: r() < 0.8 ? [] : [industry],
        creditProductType: type,
      });
    } else if (kind === 'CHALLENGE') {
      const [topic, indicator] = pick(r, CHALLENGE_TOPICS);
      const owner = pick(r, ANCHOR_ENTERPRISES);
      docs.push({
        ...base,
        title: `${pick(r, ['揭榜挂帅：', '发榜：', '技术需求：'])}${topic}`,
        description: `${owner}面向中小企业发布技术难题，技术指标：${indicator}。悬赏金额${int(r, 20, 300)}万元，揭榜截止${int(r, 1, 12)}月底，${pick(r, CHALLENGE_TAILS)}`,
        extraText: `揭榜 榜单 需求 ${INDUSTRY_WORDS[industry]} ${owner}`,
        tags: [pick(r, ['补短板', '填空白', '国产化替代'])],
        ownerName: owner,
        regionCodes: [region],
        industryCodes: [industry],
      });
    } else {
      const [park, parkRegion] = pick(r, PARKS);
      const area = pick(r, [300, 500, 800, 1000, 1200, 1500, 2000, 3000, 5000]);
      const use = pick(r, ['标准厂房', '研发用房', '仓库', '办公用房']);
      docs.push({
        ...base,
        title: `${park}${use}${area}平${pick(r, ['出租', '出售', '租售'])}`,
        description: `${int(r, 1, 6)}号楼${int(r, 1, 5)}层，层高${pick(r, [4.5, 6, 8, 9])}米，楼面荷载${pick(r, [0.8, 1.5, 2, 3])}吨/平方米，${pick(r, ['配5吨行车', '可分割', '双回路供电', '货梯3吨'])}，租金${(0.6 + r() * 0.8).toFixed(2)}元/平方米·天。${pick(r, PARK_TAILS)}`,
        extraText: `园区 房源 厂房 ${park} ${area}平 ${area}平方米 ${INDUSTRY_WORDS[industry]}`,
        tags: [pick(r, ['四星级园区', '五星级园区', '亩均效益领跑'])],
        ownerName: `${park}运营有限公司`,
        regionCodes: [parkRegion],
        industryCodes: r() < 0.5 ? [] : [industry],
      });
    }
  }
  return docs;
}

const Y2025 = Date.UTC(2025, 0, 1);
const Y2026 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

function doc(partial: Partial<SearchDocument> & Pick<SearchDocument, 'id' | 'kind' | 'title' | 'description' | 'publishedAt'>): SearchDocument {
  return {
    extraText: '',
    tags: [],
    ownerName: '',
    regionCodes: ['330200'],
    industryCodes: [],
    serviceCategory: null,
    creditProductType: null,
    version: 1,
    ...partial,
  };
}

/** Anchors (2025): the expected best hits of the labelled queries. */
export const ANCHORS: SearchDocument[] = [
  doc({ id: 'anchor-ip-pledge', kind: 'CREDIT_PRODUCT', title: '甬知贷·知识产权质押专项', description: '以专利权出质，授信最高2000万元。', publishedAt: Y2025 + 10 * DAY, ownerName: '宁波银行', creditProductType: 'IP_PLEDGE' }),
  doc({ id: 'anchor-linkage', kind: 'CREDIT_PRODUCT', title: '甬创贷投联动计划', description: '联合创投基金，对获得A轮投资的企业给予授信。', publishedAt: Y2025 + 20 * DAY, ownerName: '浙商银行宁波分行', creditProductType: 'LOAN_INVESTMENT_LINKAGE' }),
  doc({ id: 'anchor-digital', kind: 'SERVICE_OFFERING', title: '规上企业数字化转型整体解决方案', description: '覆盖设备联网、MES与能源管理。', publishedAt: Y2025 + 30 * DAY, ownerName: '宁波智造数字科技有限公司', serviceCategory: 'DIGITAL_TRANSFORMATION' }),
  doc({ id: 'anchor-plant', kind: 'PARK_VACANCY', title: '骆驼街道独栋厂房整层招租', description: '独栋四层，层高7.5米，楼面荷载2吨/平方米。', extraText: '园区 房源 1800平', publishedAt: Y2025 + 40 * DAY, ownerName: '镇海区骆驼机电小微企业园运营有限公司', regionCodes: ['330211'] }),
  doc({ id: 'anchor-workshop', kind: 'PARK_VACANCY', title: '余姚阳明科创园车间1000平出租', description: '一层车间，配5吨行车，可环评。', publishedAt: Y2025 + 50 * DAY, ownerName: '余姚市阳明科创园运营有限公司', regionCodes: ['330281'] }),
  doc({ id: 'anchor-little-giant', kind: 'SERVICE_OFFERING', title: '国家级专精特新小巨人培育辅导', description: '对标国家级认定标准逐项诊断。', publishedAt: Y2025 + 60 * DAY, ownerName: '宁波市中小企业公共服务中心', serviceCategory: 'POLICY_APPLICATION' }),
  doc({ id: 'anchor-hitech', kind: 'SERVICE_OFFERING', title: '高企认定一站式代办', description: '研发项目立项、研发费用归集与专利挖掘。', publishedAt: Y2025 + 70 * DAY, ownerName: '余姚市科创咨询有限公司', serviceCategory: 'POLICY_APPLICATION' }),
  doc({ id: 'anchor-iso', kind: 'SERVICE_OFFERING', title: 'ISO9001换版审核快速通道', description: '三十个工作日取证。', publishedAt: Y2025 + 80 * DAY, ownerName: '中检集团宁波检测认证有限公司', serviceCategory: 'TESTING_CERTIFICATION' }),
  doc({ id: 'anchor-carbon', kind: 'SERVICE_OFFERING', title: '工业企业双碳达标服务包', description: '含碳排放盘查与减排路线。', publishedAt: Y2025 + 90 * DAY, ownerName: '北仑区双碳服务中心', serviceCategory: 'GREEN_LOW_CARBON' }),
  doc({ id: 'anchor-challenge', kind: 'CHALLENGE', title: '张榜：氢燃料电池双极板精密冲压', description: '面向中小企业征集解决方案。', publishedAt: Y2025 + 100 * DAY, ownerName: '宁波新材料科技股份有限公司', regionCodes: ['330206'], industryCodes: ['C3841'] }),
  doc({ id: 'anchor-microPark', kind: 'PARK_VACANCY', title: '慈溪小微企业园标准化车间招商', description: '适合家电零部件企业。', publishedAt: Y2025 + 110 * DAY, ownerName: '慈溪市周巷小微企业园运营有限公司', regionCodes: ['330282'] }),
  doc({ id: 'anchor-5g', kind: 'CHALLENGE', title: '5G+工业互联网柔性产线改造需求', description: '面向注塑车间。', publishedAt: Y2025 + 120 * DAY, ownerName: '北仑智能模具集团', regionCodes: ['330206'], industryCodes: ['C3517'] }),
  doc({ id: 'anchor-talent', kind: 'CREDIT_PRODUCT', title: '甬江人才贷款2.0', description: '对入选甬江引才工程的团队授信。', publishedAt: Y2025 + 130 * DAY, ownerName: '宁波通商银行', creditProductType: 'TALENT_LOAN' }),
  doc({ id: 'anchor-order', kind: 'CREDIT_PRODUCT', title: '外贸订单贷快批版', description: '凭出口订单授信。', publishedAt: Y2025 + 140 * DAY, ownerName: '中国农业银行余姚支行', creditProductType: 'ORDER_FINANCING' }),
  doc({ id: 'anchor-consult', kind: 'SERVICE_OFFERING', title: '中小企业咨询诊断师驻厂服务', description: '精益与组织诊断。', publishedAt: Y2025 + 150 * DAY, ownerName: '宁波卓越管理咨询有限公司', serviceCategory: 'MANAGEMENT_CONSULTING' }),
];

/** Decoys (2026): newer, but the labelled words appear only in the description or extra text. */
export const DECOYS: SearchDocument[] = [
  doc({ id: 'decoy-ip', kind: 'SERVICE_OFFERING', title: '专利价值评估服务', description: '可用于知产质押、知识产权质押等融资场景。', publishedAt: Y2026 + 10 * DAY, serviceCategory: 'INTELLECTUAL_PROPERTY' }),
  doc({ id: 'decoy-linkage', kind: 'SERVICE_OFFERING', title: '创投机构路演专场', description: '会后可对接银行投贷联动产品。', publishedAt: Y2026 + 20 * DAY, serviceCategory: 'FINANCING_ADVISORY' }),
  doc({ id: 'decoy-digital', kind: 'SERVICE_OFFERING', title: '工业软件供应商名录发布', description: '服务数字化改造和数字化转型项目。', publishedAt: Y2026 + 30 * DAY, serviceCategory: 'DIGITAL_TRANSFORMATION' }),
  doc({ id: 'decoy-plant', kind: 'SERVICE_OFFERING', title: '消防安全检查服务', description: '适用于厂房、车间和仓库，1000平以上企业优先。', publishedAt: Y2026 + 40 * DAY, serviceCategory: 'LEGAL_TAX' }),
  doc({ id: 'decoy-giant', kind: 'SERVICE_OFFERING', title: '企业荣誉申报日历', description: '涵盖小巨人、高企、单项冠军的申报时间。', publishedAt: Y2026 + 50 * DAY, serviceCategory: 'POLICY_APPLICATION' }),
  doc({ id: 'decoy-iso', kind: 'SERVICE_OFFERING', title: '内审员培训班', description: '讲解ISO9001条款与内审方法。', publishedAt: Y2026 + 60 * DAY, serviceCategory: 'TALENT_TRAINING' }),
  doc({ id: 'decoy-challenge', kind: 'SERVICE_OFFERING', title: '技术经纪人服务', description: '协助企业参与揭榜、发榜和张榜活动。', publishedAt: Y2026 + 70 * DAY, serviceCategory: 'INDUSTRY_MATCHING' }),
  doc({ id: 'decoy-5g', kind: 'SERVICE_OFFERING', title: '工业网络安全评估', description: '覆盖5G专网与工业互联网平台。', publishedAt: Y2026 + 80 * DAY, serviceCategory: 'DIGITAL_TRANSFORMATION' }),
];

/** 400 generated listings plus the anchors and decoys. */
export function relevanceCorpus(): SearchDocument[] {
  return [...generateListings(400, 7), ...ANCHORS, ...DECOYS];
}

/**
 * Demo supply side around Ningbo: service offerings, credit products, 揭榜 challenges, two parks and
 * their vacancies. Pure data, built from `today` so deadlines stay in the future; the seed creates
 * each item through ListingService as its owner (see seed-demo.ts). Every name, product, amount and
 * address is invented for the demo; any match with a real institution or product is accidental.
 */
import type {
  ChallengeInputCommand,
  CreditProductInputCommand,
  ParkInputCommand,
  ParkVacancyInputCommand,
  ServiceOfferingInputCommand,
} from '../../../../libs/listings/src/index.js';

/** An item and the demo organization (DEMO_ORGANIZATIONS key) that owns it. */
export interface DemoItem<T> {
  ownerKey: string;
  /** false keeps it a DRAFT; true publishes it when the owner is verified. */
  publish: boolean;
  input: T;
}

export type DemoVacancyInput = Omit<ParkVacancyInputCommand, 'parkId'>;

export interface DemoPark {
  ownerKey: string;
  input: ParkInputCommand;
  vacancies: Array<Omit<DemoItem<DemoVacancyInput>, 'ownerKey'>>;
}

export interface DemoListings {
  services: DemoItem<ServiceOfferingInputCommand>[];
  credit: DemoItem<CreditProductInputCommand>[];
  challenges: DemoItem<ChallengeInputCommand>[];
  parks: DemoPark[];
}

/** `YYYY-MM-DD` plus `days` (calendar arithmetic in UTC, so no DST surprises). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const WAN = 10_000;

/** The districts and counties of 宁波 (a city-wide offer lists them all, so a district filter finds it). */
const NINGBO = ['330203', '330205', '330206', '330211', '330212', '330213', '330225', '330226', '330281', '330282'];

function services(): DemoItem<ServiceOfferingInputCommand>[] {
  const item = (ownerKey: string, input: ServiceOfferingInputCommand, publish = true) => ({ ownerKey, publish, input });
  return [
    // 明策知识产权: patents and IP finance.
    item('mingce-ip', {
      title: '高价值发明专利挖掘与布局服务',
      description:
        '面向专精特新企业的核心产品，由具有理工科背景的专利代理师驻场访谈研发团队，梳理技术交底书，' +
        '围绕核心技术点开展查新检索与规避设计，形成“核心专利 + 外围专利”组合布局方案，并按季度跟踪审查意见答复。' +
        '可同步规划 PCT 国际申请，满足小巨人认定对Ⅰ类知识产权数量的要求。',
      regionCodes: NINGBO,
      industryCodes: ['C34', 'C35', 'C38', 'C39', 'C40'],
      tags: ['发明专利', '专利布局', 'PCT', 'Ⅰ类知识产权'],
      category: 'INTELLECTUAL_PROPERTY',
      priceMin: 3 * WAN,
      priceMax: 12 * WAN,
      acceptsServiceVoucher: true,
    }),
    item('mingce-ip', {
      title: '知识产权管理体系贯标辅导（GB/T 29490-2023）',
      description:
        '按 GB/T 29490-2023《企业知识产权合规管理体系 要求》开展差距诊断、制度文件编写、内审员培训与模拟审核，' +
        '协助企业通过第三方认证，一般周期 4–6 个月。贯标认证是申报知识产权示范/优势企业和部分区县奖补的前置条件。',
      regionCodes: NINGBO,
      industryCodes: ['C'],
      tags: ['贯标', '知识产权合规', '体系认证'],
      category: 'INTELLECTUAL_PROPERTY',
      priceMin: 3 * WAN,
      priceMax: 6 * WAN,
      acceptsServiceVoucher: true,
    }),
    item('mingce-ip', {
      title: '知识产权质押融资全流程辅导',
      description:
        '帮助科技型中小企业把专利、商标变成授信：筛选可质押的有效发明专利、对接评估机构出具价值评估报告、' +
        '协助向合作银行申请知识产权质押贷款并办理国家知识产权局质押登记，同时申报市级贴息与评估费补助。',
      regionCodes: NINGBO,
      industryCodes: ['C', 'I65', 'M75'],
      tags: ['知识产权质押', '专利评估', '贴息申报'],
      category: 'FINANCING_ADVISORY',
      priceMin: 1 * WAN,
      priceMax: 5 * WAN,
      acceptsServiceVoucher: true,
    }),

    // 甬鉴检测: testing, certification, carbon.
    item('yongjian-testing', {
      title: '高分子新材料力学与老化性能检测（CNAS 认可）',
      description:
        '拉伸、弯曲、冲击、热变形温度、熔融指数、氙灯/紫外老化、湿热老化等 60 余项 CNAS 认可参数，' +
        '可出具带 CNAS 标识的检测报告，用于进口替代验证、客户送样和首批次新材料保险补偿申报。常规项目 5 个工作日出报告。',
      regionCodes: NINGBO,
      industryCodes: ['C26', 'C28', 'C29'],
      tags: ['CNAS', '改性塑料', '老化试验', '首批次新材料'],
      category: 'TESTING_CERTIFICATION',
      priceMin: 800,
      priceMax: 3 * WAN,
      acceptsServiceVoucher: true,
    }),
    item('yongjian-testing', {
      title: '汽车电子车规级可靠性与 EMC 试验',
      description:
        '依据 AEC-Q100/Q200、ISO 16750、CISPR 25 开展高低温循环、温度冲击、机械振动、盐雾及传导/辐射发射试验，' +
        '配备 3 米法电波暗室与三综合振动台，可为传感器、电子元器件企业进入整车厂供应链提供一站式验证方案。',
      regionCodes: NINGBO,
      industryCodes: ['C36', 'C38', 'C39', 'C40'],
      tags: ['车规级', 'AEC-Q100', 'EMC', '可靠性试验'],
      category: 'TESTING_CERTIFICATION',
      priceMin: 2 * WAN,
      priceMax: 25 * WAN,
      acceptsServiceVoucher: true,
    }),
    item('yongjian-testing', {
      title: '产品碳足迹核算与 ISO 14067 核查',
      description:
        '为出口型制造企业核算产品全生命周期碳足迹，建立原材料与工序排放因子清单，出具 ISO 14067 核查声明，' +
        '应对欧盟 CBAM 及整车厂、家电品牌的供应链减碳要求，并可延伸提供绿色工厂创建辅导。',
      regionCodes: NINGBO,
      industryCodes: ['C29', 'C33', 'C34', 'C38'],
      tags: ['碳足迹', 'ISO 14067', 'CBAM', '绿色工厂'],
      category: 'GREEN_LOW_CARBON',
      priceMin: 4 * WAN,
      priceMax: 15 * WAN,
      acceptsServiceVoucher: false,
    }),
    item('yongjian-testing', {
      title: '首台（套）装备技术评价与型式试验',
      description:
        '组织行业专家对拟申报省级首台（套）的装备开展技术先进性评价，完成型式试验与性能比对测试，' +
        '出具用于首台（套）认定和保险补偿的第三方技术评价报告。',
      regionCodes: [],
      industryCodes: ['C34', 'C35'],
      tags: ['首台套', '型式试验', '技术评价'],
      category: 'TECH_INNOVATION',
      priceMin: 5 * WAN,
      priceMax: 20 * WAN,
      acceptsServiceVoucher: false,
    }),

    // 三江咨询: 申报, tax, management, training.
    item('sanjiang-consulting', {
      title: '专精特新中小企业与“小巨人”申报辅导',
      description:
        '对照最新认定办法逐项测算专业化、精细化、特色化、创新能力指标，诊断得分短板并给出半年至一年的提升路径，' +
        '协助整理财务审计报告、知识产权与研发投入佐证材料，完成线上申报与现场核查准备。',
      regionCodes: NINGBO,
      industryCodes: ['C'],
      tags: ['专精特新申报', '小巨人', '指标测算'],
      category: 'POLICY_APPLICATION',
      priceMin: 2 * WAN,
      priceMax: 8 * WAN,
      acceptsServiceVoucher: true,
    }),
    item('sanjiang-consulting', {
      title: '研发费用归集与加计扣除税务筹划',
      description:
        '建立研发项目立项、工时记录与辅助账体系，规范研发费用归集口径，确保研发投入占比满足认定要求，' +
        '并协助享受研发费用 100% 加计扣除、高新技术企业 15% 所得税率等优惠，降低税务稽查风险。',
      regionCodes: NINGBO,
      industryCodes: ['C', 'I65'],
      tags: ['研发费用', '加计扣除', '高新技术企业'],
      category: 'LEGAL_TAX',
      priceMin: 1.5 * WAN,
      priceMax: 6 * WAN,
      acceptsServiceVoucher: true,
    }),
    item('sanjiang-consulting', {
      title: '精益生产与数字化车间管理提升咨询',
      description:
        '顾问团队驻厂 3 个月，以价值流分析识别浪费，推行 5S、快速换模（SMED）与 TPM，' +
        '配套建立车间级 OEE 与质量看板，目标是人均产值提升 15% 以上、在制品库存下降 30%。',
      regionCodes: ['330203', '330205', '330206', '330211', '330212', '330281', '330282'],
      industryCodes: ['C33', 'C34', 'C35', 'C36'],
      tags: ['精益生产', 'SMED', 'OEE'],
      category: 'MANAGEMENT_CONSULTING',
      priceMin: 10 * WAN,
      priceMax: 30 * WAN,
      acceptsServiceVoucher: false,
    }),
    item('sanjiang-consulting', {
      title: '专精特新企业中高层管理研修班',
      description:
        '面向企业中高层的 6 天模块化课程：战略聚焦与细分市场、研发项目管理（IPD 入门）、精益运营、' +
        '股权激励与资本市场路径，配合同行企业游学与案例研讨，每期 40 人，可使用人才培训券抵扣。',
      regionCodes: NINGBO,
      industryCodes: ['C'],
      tags: ['管理培训', 'IPD', '股权激励'],
      category: 'TALENT_TRAINING',
      priceMin: 6_800,
      priceMax: 12_800,
      acceptsServiceVoucher: true,
    }),

    // 数智港 (not yet verified, so it stays a draft until the authority verifies it).
    item(
      'shuzhi-digital',
      {
        title: '中小企业数字化改造“小快轻准”产品包',
        description:
          '面向模具、注塑、五金等细分行业的轻量化 SaaS：设备联网与数据采集、生产报工、质量追溯、能耗监测，' +
          '两周内上线，按年订阅；可配合区县中小企业数字化转型试点项目申报补助。',
        regionCodes: ['330281', '330282', '330212'],
        industryCodes: ['C29', 'C33', 'C35'],
        tags: ['数字化改造', '设备联网', 'SaaS', 'MES'],
        category: 'DIGITAL_TRANSFORMATION',
        priceMin: 3 * WAN,
        priceMax: 20 * WAN,
        acceptsServiceVoucher: true,
      },
      false,
    ),
  ];
}

function credit(): DemoItem<CreditProductInputCommand>[] {
  const item = (ownerKey: string, input: CreditProductInputCommand, publish = true) => ({ ownerKey, publish, input });
  return [
    item('yongjiang-bank', {
      title: '甬江知产贷（知识产权质押）',
      description:
        '以企业有效发明专利、实用新型或注册商标质押，质押率最高为评估价值的 40%，可叠加信用方式增信。' +
        '利率在一年期 LPR 基础上加点，符合条件的可申请市级知识产权质押贷款贴息。',
      regionCodes: NINGBO,
      industryCodes: ['C'],
      tags: ['知识产权质押', '专利', '贴息'],
      productType: 'IP_PLEDGE',
      amountMin: 100 * WAN,
      amountMax: 1_000 * WAN,
      annualRateMin: 3.45,
      annualRateMax: 4.35,
      termMonthsMax: 36,
      eligibility: { tiers: ['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT'], minAnnualRevenue: 1_000 * WAN, minInventionPatents: 1, minYearsInBusiness: 2, maxDebtRatio: 0.7 },
      rateType: 'LPR_FLOATING',
      guaranteeMethods: ['IP_PLEDGE', 'CREDIT'],
      pledgeRatioPercent: 40,
    }),
    item('yongjiang-bank', {
      title: '甬江专精信用贷',
      description:
        '面向已获评省级专精特新中小企业的纯信用流动资金贷款，无需抵押担保，随借随还，按日计息；' +
        '结合纳税、用电和研发投入数据自动测额，线上申请最快 3 个工作日放款。',
      regionCodes: NINGBO,
      industryCodes: ['C'],
      tags: ['信用贷', '免抵押', '随借随还'],
      productType: 'CREDIT_LOAN',
      amountMin: 100 * WAN,
      amountMax: 800 * WAN,
      annualRateMin: 3.5,
      annualRateMax: 4.5,
      termMonthsMax: 12,
      eligibility: { tiers: ['SPECIALIZED_SME', 'LITTLE_GIANT', 'KEY_LITTLE_GIANT'], minAnnualRevenue: 2_000 * WAN, minYearsInBusiness: 3, maxDebtRatio: 0.65 },
      rateType: 'LPR_FLOATING',
      guaranteeMethods: ['CREDIT'],
    }),
    item('mingzhou-bank', {
      title: '明州贷投通（贷投联动）',
      description:
        '银行贷款与合作创投基金股权投资联动：银行提供中长期贷款，合作基金同步或在约定期内跟投，' +
        '银行可享有认股选择权。适合处于产能扩张期、已获得或正在洽谈外部股权融资的小巨人企业。',
      regionCodes: NINGBO,
      industryCodes: ['C34', 'C35', 'C38', 'C39', 'C40'],
      tags: ['贷投联动', '认股选择权', '产能扩张'],
      productType: 'LOAN_INVESTMENT_LINKAGE',
      amountMin: 500 * WAN,
      amountMax: 3_000 * WAN,
      annualRateMin: 3.2,
      annualRateMax: 4.2,
      termMonthsMax: 36,
      eligibility: { tiers: ['SPECIALIZED_SME', 'LITTLE_GIANT', 'KEY_LITTLE_GIANT'], minAnnualRevenue: 5_000 * WAN, minInventionPatents: 5, minYearsInBusiness: 3, maxDebtRatio: 0.6 },
      rateType: 'LPR_FLOATING',
      guaranteeMethods: ['CREDIT', 'EQUITY_PLEDGE'],
      partnerInvestor: '宁波明州科创股权投资合伙企业（有限合伙）',
    }),
    item('mingzhou-bank', {
      title: '明州知识产权质押融资',
      description:
        '以核心发明专利组合质押，质押率最高可达评估价值的 50%，评估费由银行承担；' +
        '对拥有 5 件以上Ⅰ类知识产权的企业，可叠加信用额度并享受利率优惠。',
      regionCodes: NINGBO,
      industryCodes: ['C'],
      tags: ['知识产权质押', '评估费全免'],
      productType: 'IP_PLEDGE',
      amountMin: 200 * WAN,
      amountMax: 2_000 * WAN,
      annualRateMin: 3.3,
      annualRateMax: 4.2,
      termMonthsMax: 36,
      eligibility: { tiers: ['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT'], minAnnualRevenue: 2_000 * WAN, minInventionPatents: 3, maxDebtRatio: 0.7 },
      rateType: 'LPR_FLOATING',
      guaranteeMethods: ['IP_PLEDGE'],
      pledgeRatioPercent: 50,
    }),
    item('siming-bank', {
      title: '四明认股权贷款（投贷联动）',
      description:
        '为获得合作创投机构投资意向的科技企业提供中长期贷款，银行指定的投资机构获得一定比例的认股权，' +
        '企业以较低利率获得资金，合作投资机构为宁波四明创业投资有限公司。',
      regionCodes: NINGBO,
      industryCodes: ['C26', 'C27', 'C38', 'C39', 'C40', 'I65'],
      tags: ['贷投联动', '认股权', '科技企业'],
      productType: 'LOAN_INVESTMENT_LINKAGE',
      amountMin: 300 * WAN,
      amountMax: 2_000 * WAN,
      annualRateMin: 3.3,
      annualRateMax: 4.0,
      termMonthsMax: 60,
      eligibility: { tiers: ['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT'], minAnnualRevenue: 3_000 * WAN, minInventionPatents: 3, minYearsInBusiness: 2, maxDebtRatio: 0.6 },
      rateType: 'LPR_FLOATING',
      guaranteeMethods: ['CREDIT', 'EQUITY_PLEDGE'],
      partnerInvestor: '宁波四明创业投资有限公司',
    }),
    item('siming-bank', {
      title: '四明人才贷',
      description:
        '面向入选甬江人才工程等市级以上人才计划的创业团队及其控股企业，以人才身份和企业成长性为主要授信依据，' +
        '纯信用、固定利率，可分期提款。',
      regionCodes: NINGBO,
      industryCodes: ['C', 'I', 'M'],
      tags: ['人才贷', '创业团队', '固定利率'],
      productType: 'TALENT_LOAN',
      amountMin: 100 * WAN,
      amountMax: 500 * WAN,
      annualRateMin: 3.2,
      annualRateMax: 3.8,
      termMonthsMax: 36,
      eligibility: { tiers: ['NONE', 'INNOVATIVE_SME', 'SPECIALIZED_SME'], minYearsInBusiness: 0 },
      rateType: 'FIXED',
      guaranteeMethods: ['CREDIT'],
    }),
    item('haifeng-bank', {
      title: '海丰知识产权质押贷（镇海专享）',
      description:
        '镇海区科技型中小企业以专利权或商标权质押，最高为评估价值的 30%，可追加区政策性融资担保公司担保，' +
        '享受区级风险池分担与贴息政策。',
      regionCodes: ['330211', '330205'],
      industryCodes: ['C26', 'C29', 'C34', 'C35'],
      tags: ['知识产权质押', '风险池', '镇海'],
      productType: 'IP_PLEDGE',
      amountMin: 100 * WAN,
      amountMax: 500 * WAN,
      annualRateMin: 3.6,
      annualRateMax: 4.6,
      termMonthsMax: 24,
      eligibility: { tiers: ['INNOVATIVE_SME', 'SPECIALIZED_SME'], minAnnualRevenue: 500 * WAN, minInventionPatents: 1, maxDebtRatio: 0.75 },
      rateType: 'LPR_FLOATING',
      guaranteeMethods: ['IP_PLEDGE', 'GUARANTEE_COMPANY'],
      pledgeRatioPercent: 30,
    }),
    item('haifeng-bank', {
      title: '海丰订单贷',
      description:
        '凭与石化、汽车等龙头企业签订的采购订单或中标通知书授信，按订单金额的 70% 核定额度，' +
        '回款账户监管，订单回款后自动还款，专精特新企业可免收账户管理费。',
      regionCodes: ['330211', '330205', '330206'],
      industryCodes: ['C33', 'C34', 'C35', 'C36'],
      tags: ['订单融资', '回款监管'],
      productType: 'ORDER_FINANCING',
      amountMin: 100 * WAN,
      amountMax: 800 * WAN,
      annualRateMin: 3.8,
      annualRateMax: 4.8,
      termMonthsMax: 12,
      eligibility: { tiers: ['NONE', 'INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT'], minAnnualRevenue: 1_000 * WAN, minYearsInBusiness: 2, maxDebtRatio: 0.75 },
      rateType: 'LPR_FLOATING',
      guaranteeMethods: ['RECEIVABLES_PLEDGE', 'CREDIT'],
    }),
    item('yaojiang-bank', {
      title: '姚江专精知产贷',
      description:
        '余姚本地专精特新和创新型中小企业专属的知识产权质押贷款，光电、模具、家电产业链企业优先，' +
        '质押率最高 45%，可与余姚市科技金融风险池合作，首贷户利率下浮。',
      regionCodes: ['330281'],
      industryCodes: ['C29', 'C35', 'C38', 'C39'],
      tags: ['知识产权质押', '首贷户', '余姚'],
      productType: 'IP_PLEDGE',
      amountMin: 100 * WAN,
      amountMax: 1_500 * WAN,
      annualRateMin: 3.4,
      annualRateMax: 4.5,
      termMonthsMax: 36,
      eligibility: { tiers: ['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT'], minAnnualRevenue: 800 * WAN, minInventionPatents: 2, maxDebtRatio: 0.7 },
      rateType: 'LPR_FLOATING',
      guaranteeMethods: ['IP_PLEDGE', 'CREDIT'],
      pledgeRatioPercent: 45,
    }),
    item('yaojiang-bank', {
      title: '姚江链融贷（供应链金融）',
      description:
        '依托核心企业确认的应收账款，为上游配套的中小供应商提供保理与应收账款质押融资，' +
        '线上确权、当天放款，适合为家电、汽车零部件龙头企业配套的余姚企业。',
      regionCodes: ['330281', '330282'],
      industryCodes: ['C33', 'C34', 'C36', 'C38'],
      tags: ['供应链金融', '应收账款', '线上确权'],
      productType: 'SUPPLY_CHAIN',
      amountMin: 100 * WAN,
      amountMax: 1_000 * WAN,
      annualRateMin: 3.6,
      annualRateMax: 4.4,
      termMonthsMax: 12,
      eligibility: { tiers: ['NONE', 'INNOVATIVE_SME', 'SPECIALIZED_SME'], minAnnualRevenue: 500 * WAN, minYearsInBusiness: 1, maxDebtRatio: 0.8 },
      rateType: 'FIXED',
      guaranteeMethods: ['RECEIVABLES_PLEDGE'],
    }),
  ];
}

function challenges(today: string): DemoItem<ChallengeInputCommand>[] {
  const item = (ownerKey: string, input: ChallengeInputCommand, publish = true) => ({ ownerKey, publish, input });
  return [
    item('zhaobao-petrochem', {
      title: '加氢反应器大口径高压缠绕垫片国产化',
      description:
        '我集团为炼化企业配套的加氢反应器（DN1800 以上）主密封目前依赖进口金属缠绕垫片，交期长达 20 周。' +
        '现面向中小企业征集能实现同等性能国产替代的解决方案，通过验证后纳入集团合格供应商名录并签订三年框架采购协议。',
      regionCodes: NINGBO,
      industryCodes: ['C29', 'C33', 'C34'],
      tags: ['进口替代', '密封件', '加氢反应器'],
      techField: '高温高压密封材料',
      requirements:
        '技术难点：450 ℃、25 MPa 临氢工况下长期密封，柔性石墨填料高温氧化失重控制与金属带材抗氢脆。' +
        '揭榜方需具备缠绕垫片生产线与氦质谱检漏能力，提交样件参加我集团台架试验。',
      budget: 180 * WAN,
      applyBy: addDays(today, 75),
      ipOwnership: 'SHARED',
      cooperationMode: 'JOINT_RD',
      completionDeadline: addDays(today, 75 + 365),
      indicators: ['工作压力 ≥ 25 MPa', '工作温度 ≥ 450 ℃', '泄漏率 ≤ 1×10⁻⁵ Pa·m³/s', '台架热循环 ≥ 50 次无泄漏', '交付周期 ≤ 6 周'],
      preferredTiers: ['SPECIALIZED_SME', 'LITTLE_GIANT'],
    }),
    item('zhaobao-petrochem', {
      title: '石化装置关键阀门泄漏在线智能监测',
      description:
        '在役石化装置的高危阀门、法兰存在微泄漏难发现的问题，目前依靠人工 LDAR 巡检。' +
        '征集基于声发射、红外成像或气体传感的在线监测方案，在集团镇海基地两套装置试点。',
      regionCodes: ['330211', '330206'],
      industryCodes: ['C40', 'I65'],
      tags: ['泄漏监测', '声发射', '智能运维'],
      techField: '工业传感与智能运维',
      requirements:
        '技术难点：强背景噪声下微泄漏声信号识别、防爆区域（Ex d IIC T4）部署与低功耗无线传输。' +
        '需提供 100 个监测点的硬件与平台软件，接入集团现有 DCS 报警系统。',
      budget: 120 * WAN,
      applyBy: addDays(today, 60),
      ipOwnership: 'POSTER',
      cooperationMode: 'COMMISSIONED_RD',
      completionDeadline: addDays(today, 60 + 270),
      indicators: ['可检出泄漏率 ≤ 0.1 L/min', '定位误差 ≤ 1 m', '误报率 ≤ 2%', '电池续航 ≥ 3 年'],
      preferredTiers: ['INNOVATIVE_SME', 'SPECIALIZED_SME'],
    }),
    item('beilun-auto', {
      title: '一体化压铸用免热处理铝合金材料开发',
      description:
        '为新能源车型后地板一体化压铸件开发免热处理高强韧铝合金，替代现用进口牌号，降低材料成本 20% 以上。' +
        '揭榜成功后由集团北仑压铸基地导入量产并给予首年不少于 2,000 吨的采购量。',
      regionCodes: NINGBO,
      industryCodes: ['C32', 'C33', 'C36'],
      tags: ['一体化压铸', '免热处理铝合金', '新能源汽车'],
      techField: '轻量化金属材料',
      requirements:
        '技术难点：不经 T6 热处理条件下同时保证屈服强度与延伸率，控制大型薄壁件的缩孔与冷隔。' +
        '揭榜方需有熔炼与压铸试制条件，提供 6000 吨级压铸机上的试模数据。',
      budget: 300 * WAN,
      applyBy: addDays(today, 90),
      ipOwnership: 'SHARED',
      cooperationMode: 'JOINT_RD',
      completionDeadline: addDays(today, 90 + 540),
      indicators: ['铸态屈服强度 ≥ 120 MPa', '铸态延伸率 ≥ 10%', '抗拉强度 ≥ 260 MPa', '吨材料成本较进口牌号降低 ≥ 20%'],
      preferredTiers: ['SPECIALIZED_SME', 'LITTLE_GIANT', 'KEY_LITTLE_GIANT'],
    }),
    item(
      'beilun-auto',
      {
        // Still being drafted by the poster: shows a draft in a verified owner's own list.
        title: '座椅骨架激光焊缝视觉在线检测',
        description:
          '座椅骨架激光焊缝目前抽检破坏试验，效率低且无法全检。拟征集基于 3D 线激光与深度学习的焊缝在线检测系统，' +
          '在北仑座椅骨架产线 4 个工位部署。',
        regionCodes: ['330206'],
        industryCodes: ['C34', 'C36', 'I65'],
        tags: ['机器视觉', '焊缝检测', '深度学习'],
        techField: '机器视觉检测',
        requirements: '技术难点：高反光焊缝三维重建、节拍内（≤ 8 s/件）完成气孔、咬边、未熔合等缺陷判定。',
        budget: 80 * WAN,
        applyBy: addDays(today, 100),
        ipOwnership: 'BY_CONTRACT',
        cooperationMode: 'COMMISSIONED_RD',
        completionDeadline: addDays(today, 100 + 240),
        indicators: ['缺陷检出率 ≥ 99.5%', '误判率 ≤ 0.5%', '单件检测节拍 ≤ 8 s'],
        preferredTiers: ['INNOVATIVE_SME', 'SPECIALIZED_SME'],
      },
      false,
    ),
    item('shunjiang-appliance', {
      title: '变频空调控制器 SiC 功率模块替代',
      description:
        '集团家用变频空调室外机控制器拟由硅基 IGBT 升级为碳化硅（SiC）功率模块，提升能效并缩小散热器体积，' +
        '征集具备 SiC 模块封装或驱动设计能力的中小企业共同开发，通过验证后进入集团供应链。',
      regionCodes: NINGBO,
      industryCodes: ['C38', 'C39'],
      tags: ['碳化硅', '功率模块', '变频控制'],
      techField: '功率半导体与电力电子',
      requirements:
        '技术难点：SiC 模块的高 dv/dt 驱动与 EMC 抑制、低成本封装方案及 15 年使用寿命可靠性验证。' +
        '需配合完成整机能效测试（APF）与 EMC 整改。',
      budget: 200 * WAN,
      applyBy: addDays(today, 80),
      ipOwnership: 'SHARED',
      cooperationMode: 'JOINT_RD',
      completionDeadline: addDays(today, 80 + 450),
      indicators: ['控制器效率 ≥ 98.5%', '整机 APF 提升 ≥ 3%', '散热器体积减少 ≥ 30%', '模块成本 ≤ 现方案 1.2 倍'],
      preferredTiers: ['SPECIALIZED_SME', 'LITTLE_GIANT'],
    }),
    item('shunjiang-appliance', {
      title: '家电外观件免喷涂高光材料',
      description:
        '为取消空调、净水器外壳喷涂工序，征集可直接注塑成型的免喷涂高光金属质感材料及配套模具工艺，' +
        '要求外观达到现喷涂件水平，并降低 VOCs 排放。',
      regionCodes: ['330281', '330282'],
      industryCodes: ['C26', 'C29', 'C35'],
      tags: ['免喷涂', '高光注塑', 'VOCs 减排'],
      techField: '改性塑料与注塑工艺',
      requirements: '技术难点：金属颜料取向导致的流痕与熔接线、高光表面耐刮擦与耐候性；需提供 3 款外观件的试模样件。',
      budget: 60 * WAN,
      applyBy: addDays(today, 45),
      ipOwnership: 'SOLVER',
      cooperationMode: 'TECH_TRANSFER',
      completionDeadline: addDays(today, 45 + 180),
      indicators: ['光泽度（60°）≥ 90 GU', '铅笔硬度 ≥ H', '熔接线不可见（1 m 目视）', '氙灯老化 500 h 色差 ΔE ≤ 1.5'],
      preferredTiers: ['INNOVATIVE_SME', 'SPECIALIZED_SME'],
    }),
  ];
}

function parks(today: string): DemoPark[] {
  const v = (input: DemoVacancyInput, publish = true) => ({ publish, input });
  return [
    {
      ownerKey: 'yuyao-sme-park',
      input: {
        name: '余姚姚北智造小微企业园',
        regionCode: '330281',
        starRating: 4,
        industries: ['C34', 'C35', 'C38', 'C39'],
        address: '浙江省余姚市朗霞街道姚北工业新区兴业路 88 号',
      },
      vacancies: [
        v({
          title: '1 号标准厂房一层 1,200 ㎡（8 米层高）',
          description: '四星级小微企业园标准厂房首层，带 10 吨行车轨道，两侧大门可进 17.5 米货车，配套员工食堂与人才公寓。',
          industryCodes: ['C34', 'C35'],
          tags: ['首层厂房', '行车', '小微企业园'],
          areaSqm: 1_200,
          floor: 1,
          ceilingHeightM: 8,
          floorLoadKgPerSqm: 3_000,
          rentPerSqmDay: 0.75,
          availableFrom: today,
          useClass: 'PRODUCTION',
          tenure: 'LEASE',
          powerCapacityKva: 400,
          minTaxPerMuWan: 30,
          entryConditions: '入园企业须承诺达产后亩均税收不低于 30 万元/亩；优先引进专精特新、创新型中小企业；不接受电镀、喷涂等重污染工序。',
        }),
        v({
          title: '2 号厂房二层 800 ㎡，可租可售',
          description: '二层通用厂房，货梯 3 吨两部，适合精密模具、光电组件装配；可整层购买（分割产权证）。',
          industryCodes: ['C35', 'C38', 'C39'],
          tags: ['可售', '货梯', '精密装配'],
          areaSqm: 800,
          floor: 2,
          ceilingHeightM: 5.4,
          floorLoadKgPerSqm: 800,
          rentPerSqmDay: 0.65,
          availableFrom: addDays(today, 30),
          useClass: 'PRODUCTION',
          tenure: 'LEASE_OR_SALE',
          powerCapacityKva: 200,
          minTaxPerMuWan: 30,
          entryConditions: '购买须承诺 5 年内不转让、亩均税收不低于 30 万元/亩，并在园区注册纳税。',
        }),
        v({
          title: '3 号研发楼三层 600 ㎡研发办公',
          description: '精装研发办公层，可隔出实验室与洁净间（需自行改造），园区公共检测平台与会议中心同楼。',
          industryCodes: ['C38', 'C39', 'C40', 'I65'],
          tags: ['研发办公', '精装', '公共检测平台'],
          areaSqm: 600,
          floor: 3,
          ceilingHeightM: 4.5,
          floorLoadKgPerSqm: 500,
          rentPerSqmDay: 1.0,
          availableFrom: today,
          useClass: 'RD',
          tenure: 'LEASE',
          powerCapacityKva: 100,
          entryConditions: '研发型企业优先，入驻满一年且研发投入占比不低于 5% 的可申请租金减免。',
        }),
        v({
          title: '5 号仓储库一层 1,500 ㎡',
          description: '单层仓储库，9 米净高，配装卸平台 4 个，适合园内企业原材料与成品周转。',
          industryCodes: ['C', 'G59'],
          tags: ['仓储', '装卸平台'],
          areaSqm: 1_500,
          floor: 1,
          ceilingHeightM: 9,
          floorLoadKgPerSqm: 2_000,
          rentPerSqmDay: 0.6,
          availableFrom: addDays(today, 60),
          useClass: 'WAREHOUSE',
          tenure: 'LEASE',
          powerCapacityKva: 50,
        }),
      ],
    },
    {
      ownerKey: 'zhenhai-srdi-park',
      input: {
        name: '镇海专精特新产业园',
        regionCode: '330211',
        starRating: null,
        industries: ['C26', 'C29', 'C34', 'C40'],
        address: '浙江省宁波市镇海区骆驼街道中官西路 1288 号',
      },
      vacancies: [
        v({
          title: 'A2 栋中试车间 2,000 ㎡（10 米层高，双路供电）',
          description: '新材料中试车间，预留危化品暂存间与废气处理接口，双回路供电，适合化工新材料、高分子材料中试放大。',
          industryCodes: ['C26', 'C29'],
          tags: ['中试车间', '新材料', '双路供电'],
          areaSqm: 2_000,
          floor: 1,
          ceilingHeightM: 10,
          floorLoadKgPerSqm: 5_000,
          rentPerSqmDay: 1.1,
          availableFrom: addDays(today, 14),
          useClass: 'PRODUCTION',
          tenure: 'LEASE',
          powerCapacityKva: 800,
          minTaxPerMuWan: 50,
          entryConditions: '限省级以上专精特新中小企业或其控股子公司；承诺亩均税收不低于 50 万元/亩，项目须通过区环评与安评前置审查。',
        }),
        v({
          title: 'A5 栋二层洁净厂房 1,500 ㎡',
          description: '万级洁净车间（局部千级），恒温恒湿，配纯水与压缩空气系统，适合传感器、精密仪器制造。',
          industryCodes: ['C39', 'C40'],
          tags: ['洁净厂房', '恒温恒湿', '精密仪器'],
          areaSqm: 1_500,
          floor: 2,
          ceilingHeightM: 6,
          floorLoadKgPerSqm: 1_000,
          rentPerSqmDay: 1.4,
          availableFrom: addDays(today, 45),
          useClass: 'PRODUCTION',
          tenure: 'LEASE_OR_SALE',
          powerCapacityKva: 500,
          minTaxPerMuWan: 50,
          entryConditions: '承诺亩均税收不低于 50 万元/亩、研发投入占营业收入比重不低于 5%。',
        }),
        v({
          title: 'B1 栋四层研发实验室 1,000 ㎡',
          description: '研发实验楼整层，预留通风橱排风竖井与气体管路，可与园区共享的材料表征平台（SEM、XRD）合作。',
          industryCodes: ['C26', 'C40', 'M73'],
          tags: ['研发实验室', '共享仪器'],
          areaSqm: 1_000,
          floor: 4,
          ceilingHeightM: 4.8,
          floorLoadKgPerSqm: 800,
          rentPerSqmDay: 1.3,
          availableFrom: today,
          useClass: 'RD',
          tenure: 'LEASE',
          powerCapacityKva: 250,
          entryConditions: '国家级、省级研发机构或博士创新站优先；首年租金按 5 折收取。',
        }),
        v({
          title: 'C3 栋综合楼六层办公 450 ㎡',
          description: '园区综合楼精装办公，可作企业销售中心或区域总部，步行 5 分钟到园区人才公寓。',
          industryCodes: ['C', 'I65', 'L72'],
          tags: ['精装办公', '区域总部'],
          areaSqm: 450,
          floor: 6,
          ceilingHeightM: 3.9,
          floorLoadKgPerSqm: 300,
          rentPerSqmDay: 1.5,
          availableFrom: addDays(today, 7),
          useClass: 'OFFICE',
          tenure: 'LEASE',
        }),
      ],
    },
  ];
}

/** All demo listings; deadlines and availability dates relative to `today` (YYYY-MM-DD, Beijing). */
export function demoListings(today: string): DemoListings {
  return { services: services(), credit: credit(), challenges: challenges(today), parks: parks(today) };
}

/**
 * `missingData` for people (issue 15 item 9): each machine path the evaluator names (e.g.
 * `financials[2025].netProfit`) gets a Chinese label and the unit the fact is entered in. The path
 * stays the machine's key; the label and unit are what a person reads.
 */

export interface MissingFact {
  /** Machine path, as in `missingData` (e.g. `financials[2025].employees`). */
  path: string;
  /** Chinese label, e.g. "2025年从业人员". */
  label: string;
  /** Unit the fact is entered in (元, 人, %, 级 …); undefined for yes/no and lists. */
  unit?: string;
}

const FACTS: Readonly<Record<string, { label: string; unit?: string }>> = {
  industryCode: { label: '所属行业（国民经济行业分类 GB/T 4754 代码）' },
  mainBusinessSince: { label: '从事主营业务（细分市场）的起始日期', unit: '日期' },
  mainProductField: { label: '主导产品所属领域' },
  digitalMaturityLevel: { label: '中小企业数字化水平测评等级', unit: '级' },
  quality: { label: '质量管理情况（质量奖、体系认证、自有品牌、参与标准制定）' },
  'quality.ownBrand': { label: '是否拥有直接面向市场的自主品牌' },
  rdInstitutionLevel: { label: '自建研发机构级别' },
  nicheMarketSharePercent: { label: '主导产品全国细分市场占有率', unit: '%' },
  marketTop3: { label: '主导产品是否全国细分市场排名前三' },
  awards: { label: '近3年获得的科技奖励（级别、年份、排名）' },
  'awards.rank': { label: '科技奖励中本企业的排名', unit: '名' },
  'awards.awardedOn': { label: '科技奖励的获奖日期（获奖年份跨越"近3年"起算日时需要）', unit: '日期' },
  'makerChina.reachedOn': { label: '"创客中国"大赛晋级日期（年份跨越"近3年"起算日时需要）', unit: '日期' },
  equityRounds: { label: '近3年各笔股权融资的到账日期和金额（年度融资额跨越"近3年"起算日时需要）', unit: '元' },
  honours: { label: '已获称号（高新技术企业、技术创新示范企业、知识产权优势/示范企业）' },
  strategicEmergingIndustry: { label: '主导产品是否属于《战略性新兴产业分类》' },
  mainProductInPriorityField: { label: '主导产品是否属于工业"六基"、制造强国或网络强国重点领域' },
  mainProductInSixFoundations: { label: '主导产品是否属于工业"六基"领域（核心基础零部件/元器件、关键软件、先进基础工艺、关键基础材料、产业技术基础）' },
  mainProductInTopTenSectors: { label: '主导产品是否属于制造强国战略十大重点产业领域' },
  mainProductInCyberPowerField: { label: '主导产品是否属于网络强国建设领域（信息基础设施、关键核心技术、网络与数据安全）' },
  keyChainRole: { label: '是否位于产业链关键环节（补短板、锻长板、填空白）' },
  managementCertification: { label: '是否取得管理体系认证或发达国家和地区产品认证' },
  coreProcessInformatized: { label: '核心业务是否采用信息系统支撑' },
  goodCredit: { label: '经营是否规范、未列入经营异常或失信名单' },
  techOrInnovativeSmeValid: { label: '是否为有效期内的科技型中小企业或创新型中小企业' },
  platformScores: { label: '专精特新发展评价得分（梯度培育平台测算）', unit: '分' },
  localIndicators: { label: '地方特色化指标得分（由省级主管部门确定，本省尚未配置）', unit: '分' },
  'ip.highValueInventionPatents': { label: 'Ⅰ类高价值知识产权数量', unit: '件' },
  'ip.selfDevelopedInventionPatents': { label: '自主研发（非受让）Ⅰ类知识产权数量', unit: '件' },
};

/** Fields of a financial year row. */
const YEAR_FIELDS: Readonly<Record<string, { label: string; unit?: string }>> = {
  revenue: { label: '营业收入', unit: '元' },
  mainBusinessRevenue: { label: '主营业务收入', unit: '元' },
  rdExpense: { label: '研发费用', unit: '元' },
  netProfit: { label: '净利润', unit: '元' },
  totalAssets: { label: '资产总额', unit: '元' },
  totalLiabilities: { label: '负债总额', unit: '元' },
  employees: { label: '从业人员', unit: '人' },
  rdEmployees: { label: '研发人员', unit: '人' },
  equityFinancing: { label: '新增股权融资额', unit: '元' },
};

/** Label and unit of one `missingData` path; an unknown path keeps itself as the label. */
export function describeMissingFact(path: string): MissingFact {
  const year = /^financials\[(\d{4})\](?:\.(\w+))?$/.exec(path);
  if (year) {
    if (!year[2]) return { path, label: `${year[1]}年度财务数据（整年）` };
    const f = YEAR_FIELDS[year[2]];
    if (f) return { path, label: `${year[1]}年${f.label}`, ...(f.unit ? { unit: f.unit } : {}) };
  }
  const score = /^platformScores\[(\d{4})\]$/.exec(path);
  if (score) return { path, label: `${score[1]}年专精特新发展评价得分（梯度培育平台测算）`, unit: '分' };
  const f = FACTS[path];
  if (f) return { path, label: f.label, ...(f.unit ? { unit: f.unit } : {}) };
  return { path, label: path };
}

/** Whether a path has a Chinese label (used by tests that scan every path the rules can name). */
export const hasMissingFactLabel = (path: string): boolean => describeMissingFact(path).label !== path;

/**
 * Chinese words for the enum values of listings (kinds, service categories, credit product types,
 * park use classes). Pure data, shared by the search documents (listing-documents.ts puts them in a
 * document's extra text, so a search for 知识产权质押 finds an IP_PLEDGE product whatever its title
 * says) and the query analysis (query/vocabulary.ts: they are words the segmenter keeps whole).
 */
export const LABELS: Readonly<Record<string, string>> = {
  SERVICE_OFFERING: '服务',
  CREDIT_PRODUCT: '金融产品 融资 贷款',
  CHALLENGE: '揭榜 榜单 需求',
  PARK_VACANCY: '园区 房源 厂房',
  TECH_INNOVATION: '技术创新 研发',
  INTELLECTUAL_PROPERTY: '知识产权 专利 商标',
  DIGITAL_TRANSFORMATION: '数字化转型 智能制造',
  GREEN_LOW_CARBON: '绿色低碳 节能降碳',
  FINANCING_ADVISORY: '融资服务 投融资',
  MARKET_EXPANSION: '市场开拓',
  MANAGEMENT_CONSULTING: '管理咨询',
  INDUSTRY_MATCHING: '产业对接 产需对接',
  TALENT_TRAINING: '人才培训',
  LEGAL_TAX: '法律 财税',
  TESTING_CERTIFICATION: '检验检测 认证',
  POLICY_APPLICATION: '政策申报 项目申报',
  IP_PLEDGE: '知识产权质押融资',
  LOAN_INVESTMENT_LINKAGE: '贷投联动',
  CREDIT_LOAN: '信用贷',
  TALENT_LOAN: '人才贷',
  ORDER_FINANCING: '订单融资',
  SUPPLY_CHAIN: '供应链金融',
  TECH_REFINANCING: '科技创新再贷款 技术改造再贷款',
  PRODUCTION: '生产 厂房',
  RD: '研发 办公',
  WAREHOUSE: '仓储 仓库',
  OFFICE: '办公',
};

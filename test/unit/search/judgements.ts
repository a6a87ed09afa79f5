/**
 * A judgement set for search relevance (issue 19): realistic queries by class, each with graded
 * judgements over the relevance corpus (corpus.ts: 400 generated Ningbo listings + 15 anchors + 8
 * decoys = 423 listings).
 *
 * How the judgements were written: by reading corpus.ts — the generator's title, description and
 * owner lists per service category, credit product type, challenge topic and park, and the anchors
 * and decoys — and deciding, for each query, which listings a person typing it wants. A judgement is
 * a list of rules over what a reader sees in a listing (its kind, category or product type, its region
 * and the place its title names, words of its title or description); the first rule a listing meets
 * gives its grade. Grades: 3 exactly what was asked (right thing, right place), 2 the right kind of
 * thing (or serving the place rather than in it), 1 related, 0 (no rule) not relevant. The engine was
 * never run to write or tune them; the rules use no engine code (no normalisation, no synonyms, no
 * segmentation).
 */
import type { SearchDocument } from '../../../libs/search/src/search-index.port.js';

export type QueryClass = 'unspaced' | 'place+need' | 'abbreviation' | 'synonym' | 'typo' | 'mixed-script';

export type Pred = (d: SearchDocument) => boolean;
export type Rule = readonly [grade: 1 | 2 | 3, pred: Pred];

export interface Judgement {
  query: string;
  cls: QueryClass;
  rules: readonly Rule[];
}

/** Grade of a listing for a judgement: the first rule it meets, else 0. */
export function grade(j: Judgement, d: SearchDocument): number {
  for (const [g, pred] of j.rules) if (pred(d)) return g;
  return 0;
}

// ── what a reader sees ───────────────────────────────────────────────────────────────────────────
const and =
  (...ps: Pred[]): Pred =>
  (d) =>
    ps.every((p) => p(d));
const or =
  (...ps: Pred[]): Pred =>
  (d) =>
    ps.some((p) => p(d));
const T =
  (re: RegExp): Pred =>
  (d) =>
    re.test(d.title);
/** Title or description. */
const X =
  (re: RegExp): Pred =>
  (d) =>
    re.test(d.title) || re.test(d.description);
const id =
  (...ids: string[]): Pred =>
  (d) =>
    ids.includes(d.id);
const cat =
  (...cs: string[]): Pred =>
  (d) =>
    d.serviceCategory !== null && cs.includes(d.serviceCategory);
const cp =
  (...ts: string[]): Pred =>
  (d) =>
    d.creditProductType !== null && ts.includes(d.creditProductType);
const kind =
  (k: SearchDocument['kind']): Pred =>
  (d) =>
    d.kind === k;
const PARK = kind('PARK_VACANCY');
const CHALLENGE = kind('CHALLENGE');
const CREDIT = kind('CREDIT_PRODUCT');

/** In the place: one of its regions lies in it, or its title names it (余姚市阳明科创园, （余姚市）, 余姚支行). */
const at =
  (code: string, name: string): Pred =>
  (d) =>
    d.title.includes(name) || d.regionCodes.some((c) => c === code || (code.endsWith('00') && c.startsWith(code.slice(0, 4))));
/** Serves the place without being in it: no regions (anywhere) or the whole city it belongs to. */
const serves =
  (code: string): Pred =>
  (d) =>
    d.regionCodes.length === 0 || d.regionCodes.includes(`${code.slice(0, 4)}00`);
/** Place + need: 3 in the place, 2 serving it, 1 elsewhere. */
const placed = (code: string, name: string, need: Pred): Rule[] => [
  [3, and(need, at(code, name))],
  [2, and(need, serves(code))],
  [1, need],
];

const j = (query: string, cls: QueryClass, ...rules: Rule[]): Judgement => ({ query, cls, rules });

const IP = cat('INTELLECTUAL_PROPERTY');
const DIGITAL = cat('DIGITAL_TRANSFORMATION');
const GREEN = cat('GREEN_LOW_CARBON');
const TESTING = cat('TESTING_CERTIFICATION');
const POLICY = cat('POLICY_APPLICATION');
const PLANT = and(PARK, T(/厂房|车间/));

export const JUDGEMENTS: readonly Judgement[] = [
  // ── unspaced combinations: two or more needs typed without a space ───────────────────────────
  j('专利贷款', 'unspaced', [3, and(cp('IP_PLEDGE'), T(/专利.*贷款/))], [3, id('anchor-ip-pledge')], [2, cp('IP_PLEDGE')], [1, IP]),
  j('小巨人申报', 'unspaced', [3, id('anchor-little-giant')], [3, T(/专精特新企业申报辅导/)], [2, id('decoy-giant')], [2, POLICY]),
  j('检测认证服务', 'unspaced', [3, TESTING], [1, id('decoy-iso')]),
  j('知识产权评估', 'unspaced', [3, T(/知识产权运营与评估/)], [3, id('decoy-ip')], [2, IP], [1, cp('IP_PLEDGE')]),
  j('数字化转型诊断', 'unspaced', [3, T(/数字化转型诊断/)], [2, DIGITAL]),
  j('节能降碳诊断', 'unspaced', [3, T(/节能降碳诊断/)], [2, GREEN]),
  j('碳核算报告', 'unspaced', [3, T(/碳核算/)], [2, GREEN]),
  j('绿色工厂申报', 'unspaced', [3, T(/绿色工厂/)], [2, GREEN]),
  j('专利申请代理', 'unspaced', [3, T(/专利申请/)], [2, IP]),
  j('商标注册代理', 'unspaced', [3, T(/商标注册/)], [2, IP]),
  j('高新技术企业认定辅导', 'unspaced', [3, T(/高新技术企业认定/)], [3, id('anchor-hitech')], [2, POLICY]),
  j('研发费用加计扣除', 'unspaced', [3, T(/加计扣除/)], [2, cat('LEGAL_TAX')], [1, id('anchor-hitech')]),
  j('股权融资对接', 'unspaced', [3, T(/股权融资/)], [2, cat('FINANCING_ADVISORY')], [1, cp('LOAN_INVESTMENT_LINKAGE')]),
  j('上市辅导咨询', 'unspaced', [3, T(/上市辅导/)], [2, cat('FINANCING_ADVISORY')]),
  j('跨境电商服务', 'unspaced', [3, T(/跨境电商/)], [2, cat('MARKET_EXPANSION')]),
  j('海外市场开拓', 'unspaced', [3, T(/海外市场/)], [2, cat('MARKET_EXPANSION')]),
  j('精益生产咨询', 'unspaced', [3, T(/精益生产/)], [2, id('anchor-consult')], [2, cat('MANAGEMENT_CONSULTING')]),
  j('供需对接服务', 'unspaced', [3, T(/供需对接/)], [2, cat('INDUSTRY_MATCHING')]),
  j('数控技能培训', 'unspaced', [3, T(/数控技能/)], [2, cat('TALENT_TRAINING')]),
  j('职称评审辅导', 'unspaced', [3, T(/职称评审/)], [2, cat('TALENT_TRAINING')]),
  j('财税合规体检', 'unspaced', [3, T(/财税合规/)], [2, cat('LEGAL_TAX')]),
  j('首台套认定申报', 'unspaced', [3, T(/首台套/)], [2, POLICY]),
  j('科技型中小企业评价服务', 'unspaced', [3, T(/科技型中小企业评价/)], [2, POLICY]),
  j('智能工厂规划', 'unspaced', [3, T(/智能工厂/)], [2, DIGITAL]),
  j('工业互联网上云', 'unspaced', [3, T(/工业互联网平台上云/)], [2, DIGITAL]),
  j('光伏改造服务', 'unspaced', [3, T(/光伏改造/)], [2, GREEN]),
  j('订单融资贷款', 'unspaced', [3, cp('ORDER_FINANCING')], [1, cp('SUPPLY_CHAIN')]),
  j('应收账款融资贷款', 'unspaced', [3, T(/应收账款/)], [2, cp('SUPPLY_CHAIN')]),
  j('人才创业贷款', 'unspaced', [3, cp('TALENT_LOAN')]),
  j('信用贷款额度', 'unspaced', [3, cp('CREDIT_LOAN')], [1, CREDIT]),
  j('设备更新贷款', 'unspaced', [3, T(/设备更新/)], [2, cp('TECH_REFINANCING')]),
  j('揭榜挂帅压铸模具', 'unspaced', [3, and(CHALLENGE, T(/压铸模具/))], [2, CHALLENGE]),
  j('机器视觉检测揭榜', 'unspaced', [3, and(CHALLENGE, T(/机器视觉/))], [2, CHALLENGE]),
  j('编码器芯片国产化', 'unspaced', [3, T(/编码器芯片/)], [2, and(CHALLENGE, T(/国产化/))]),
  j('标准厂房出租', 'unspaced', [3, and(PARK, T(/标准厂房.*(出租|租售)/))], [2, PLANT], [1, PARK]),
  j('研发用房出租', 'unspaced', [3, and(PARK, T(/研发用房.*(出租|租售)/))], [2, and(PARK, T(/研发用房/))], [1, PARK]),
  j('仓库出租', 'unspaced', [3, and(PARK, T(/仓库.*(出租|租售)/))], [2, and(PARK, T(/仓库/))], [1, PARK]),
  j('办公用房出售', 'unspaced', [3, and(PARK, T(/办公用房.*(出售|租售)/))], [2, and(PARK, T(/办公用房/))], [1, PARK]),
  j('小微企业园厂房', 'unspaced', [3, and(PLANT, T(/小微(企业)?园/))], [2, and(PARK, T(/小微/))], [1, PLANT]),
  j('专精特新信用贷款', 'unspaced', [3, T(/专精特新信用贷款/)], [2, cp('CREDIT_LOAN')]),

  // ── a place and a need ──────────────────────────────────────────────────────────────────────
  j('余姚厂房', 'place+need', ...placed('330281', '余姚', PLANT)),
  j('余姚标准厂房', 'place+need', ...placed('330281', '余姚', and(PARK, T(/标准厂房/)))),
  j('镇海厂房', 'place+need', ...placed('330211', '镇海', PLANT)),
  j('鄞州小微园', 'place+need', ...placed('330212', '鄞州', and(PARK, T(/小微/)))),
  j('北仑研发用房', 'place+need', ...placed('330206', '北仑', and(PARK, T(/研发用房/)))),
  j('慈溪仓库', 'place+need', ...placed('330282', '慈溪', and(PARK, T(/仓库/)))),
  j('余杭厂房', 'place+need', ...placed('330110', '余杭', PLANT)),
  j('余姚检测认证', 'place+need', ...placed('330281', '余姚', TESTING)),
  j('镇海检验检测', 'place+need', ...placed('330211', '镇海', TESTING)),
  j('鄞州数字化转型', 'place+need', ...placed('330212', '鄞州', DIGITAL)),
  j('北仑节能降碳', 'place+need', ...placed('330206', '北仑', GREEN)),
  j('海曙知识产权', 'place+need', ...placed('330203', '海曙', IP)),
  j('江北知识产权服务', 'place+need', ...placed('330205', '江北', IP)),
  j('奉化管理咨询', 'place+need', ...placed('330213', '奉化', cat('MANAGEMENT_CONSULTING'))),
  j('宁海人才培训', 'place+need', ...placed('330226', '宁海', cat('TALENT_TRAINING'))),
  j('象山财税', 'place+need', ...placed('330225', '象山', cat('LEGAL_TAX'))),
  j('慈溪政策申报', 'place+need', ...placed('330282', '慈溪', POLICY)),
  j('余姚专精特新申报', 'place+need', ...placed('330281', '余姚', POLICY)),
  j('宁波人才贷', 'place+need', ...placed('330200', '宁波', cp('TALENT_LOAN'))),
  j('宁波信用贷', 'place+need', ...placed('330200', '宁波', cp('CREDIT_LOAN'))),
  j('余姚银行贷款', 'place+need', ...placed('330281', '余姚', CREDIT)),
  j('杭州知识产权', 'place+need', ...placed('330100', '杭州', IP)),
  j('杭州湾厂房', 'place+need', [3, and(PLANT, at('330282', '慈溪'))], [2, and(PLANT, at('330200', '宁波'))], [1, PLANT]),
  j('镇海揭榜', 'place+need', ...placed('330211', '镇海', CHALLENGE)),
  j('北仑揭榜挂帅', 'place+need', ...placed('330206', '北仑', CHALLENGE)),
  j('余姚供应链金融', 'place+need', ...placed('330281', '余姚', cp('SUPPLY_CHAIN'))),
  j('鄞州订单融资', 'place+need', ...placed('330212', '鄞州', cp('ORDER_FINANCING'))),
  j('慈溪小微企业园', 'place+need', ...placed('330282', '慈溪', and(PARK, T(/小微企业园/)))),
  j('镇海骆驼厂房', 'place+need', [3, and(PLANT, T(/骆驼/))], [2, and(PLANT, at('330211', '镇海'))], [1, PLANT]),
  j('余姚阳明科创园', 'place+need', [3, T(/阳明科创园/)], [2, and(PARK, at('330281', '余姚'))]),
  j('宁波数字化车间', 'place+need', ...placed('330200', '宁波', T(/数字化车间/))),
  j('余姚的厂房', 'place+need', ...placed('330281', '余姚', PLANT)),
  j('在余姚找厂房', 'place+need', ...placed('330281', '余姚', PLANT)),
  j('北仑工业互联网', 'place+need', ...placed('330206', '北仑', or(T(/工业互联网/), DIGITAL))),
  j('宁海检测服务', 'place+need', ...placed('330226', '宁海', TESTING)),

  // ── abbreviations ───────────────────────────────────────────────────────────────────────────
  j('知产贷', 'abbreviation', [3, cp('IP_PLEDGE')], [1, IP]),
  j('知产质押', 'abbreviation', [3, cp('IP_PLEDGE')], [1, IP]),
  j('高企认定', 'abbreviation', [3, T(/高新技术企业认定|高企认定/)], [2, POLICY]),
  j('科小入库', 'abbreviation', [3, T(/科技型中小企业评价入库/)], [2, POLICY]),
  j('技改贷款', 'abbreviation', [3, cp('TECH_REFINANCING')], [1, CREDIT]),
  j('科创再贷款', 'abbreviation', [3, cp('TECH_REFINANCING')]),
  j('双碳服务', 'abbreviation', [3, GREEN]),
  j('专精特新申报', 'abbreviation', [3, T(/专精特新企业申报辅导/)], [3, id('anchor-little-giant')], [2, POLICY]),
  j('小巨人', 'abbreviation', [3, id('anchor-little-giant')], [2, and(POLICY, T(/专精特新/))], [1, id('decoy-giant')]),
  j('科小', 'abbreviation', [3, T(/科技型中小企业/)], [2, POLICY]),
  j('贯标', 'abbreviation', [3, T(/贯标/)], [1, IP]),
  j('贷投联动', 'abbreviation', [3, cp('LOAN_INVESTMENT_LINKAGE')], [1, id('decoy-linkage')]),
  j('产学研', 'abbreviation', [3, T(/产学研/)], [1, cat('TECH_INNOVATION')]),
  j('上云', 'abbreviation', [3, T(/上云/)], [1, DIGITAL]),
  j('科技贷', 'abbreviation', [3, T(/科技信用贷/)], [2, cp('CREDIT_LOAN')]),
  j('纯信用贷', 'abbreviation', [3, T(/纯信用/)], [2, cp('CREDIT_LOAN')]),
  j('人才贷', 'abbreviation', [3, cp('TALENT_LOAN')]),
  j('订单贷', 'abbreviation', [3, cp('ORDER_FINANCING')]),
  j('加计扣除', 'abbreviation', [3, T(/加计扣除/)], [1, cat('LEGAL_TAX')]),
  j('技改', 'abbreviation', [3, cp('TECH_REFINANCING')]),
  j('揭榜', 'abbreviation', [3, CHALLENGE], [1, id('decoy-challenge')]),
  j('发榜', 'abbreviation', [3, CHALLENGE], [1, id('decoy-challenge')]),
  j('小微园', 'abbreviation', [3, and(PARK, T(/小微/))], [1, PARK]),
  j('专精特新贷', 'abbreviation', [3, T(/专精特新(专享|信用贷)/)], [2, CREDIT]),

  // ── synonyms: a different word for what the listings say ─────────────────────────────────────
  j('专利质押', 'synonym', [3, cp('IP_PLEDGE')], [1, id('decoy-ip')]),
  j('知识产权质押贷款', 'synonym', [3, cp('IP_PLEDGE')], [1, id('decoy-ip')]),
  j('数字化改造', 'synonym', [3, or(T(/数字化转型|数字化车间改造/), id('anchor-digital'))], [2, DIGITAL]),
  j('检测认证', 'synonym', [3, TESTING]),
  j('质量管理体系认证', 'synonym', [3, T(/ISO9001|质量管理体系/)], [2, TESTING]),
  j('张榜', 'synonym', [3, CHALLENGE]),
  j('仪器校准', 'synonym', [3, T(/计量校准/)], [1, TESTING]),
  j('能效诊断', 'synonym', [3, T(/节能降碳诊断/)], [2, GREEN]),
  j('碳盘查', 'synonym', [3, or(T(/碳核算/), id('anchor-carbon'))], [1, GREEN]),
  j('绿色制造', 'synonym', [3, T(/绿色工厂/)], [2, GREEN]),
  j('企业咨询', 'synonym', [3, cat('MANAGEMENT_CONSULTING')]),
  j('项目申报', 'synonym', [3, POLICY]),
  j('市场开拓', 'synonym', [3, cat('MARKET_EXPANSION')]),
  j('产需对接', 'synonym', [3, cat('INDUSTRY_MATCHING')]),
  j('员工培训', 'synonym', [3, cat('TALENT_TRAINING')]),
  j('财税服务', 'synonym', [3, T(/财税/)], [2, cat('LEGAL_TAX')]),
  j('车间出租', 'synonym', [3, and(PLANT, T(/出租|租售|招租/))], [2, PLANT], [1, PARK]),
  j('研发楼', 'synonym', [3, and(PARK, T(/研发用房/))], [1, PARK]),
  j('办公楼', 'synonym', [3, and(PARK, T(/办公用房/))], [1, PARK]),
  j('仓储用房', 'synonym', [3, and(PARK, T(/仓库/))], [1, PARK]),
  j('供应链融资', 'synonym', [3, cp('SUPPLY_CHAIN')]),
  j('信用贷款', 'synonym', [3, cp('CREDIT_LOAN')]),
  j('校企合作', 'synonym', [3, T(/产学研合作/)], [1, cat('TECH_INNOVATION')]),
  j('工业视觉', 'synonym', [3, and(CHALLENGE, T(/机器视觉/))]),
  j('集成电路', 'synonym', [3, T(/芯片/)]),

  // ── one wrong character ─────────────────────────────────────────────────────────────────────
  j('知识产权质压', 'typo', [3, cp('IP_PLEDGE')], [1, IP]),
  j('数字化转形', 'typo', [3, T(/数字化转型/)], [2, DIGITAL]),
  j('检验检侧', 'typo', [3, TESTING]),
  j('标准厂方', 'typo', [3, and(PARK, T(/标准厂房/))], [1, PARK]),
  j('揭膀挂帅', 'typo', [3, CHALLENGE]),
  j('节能降探', 'typo', [3, T(/节能降碳/)], [2, GREEN]),
  j('高新技木企业', 'typo', [3, T(/高新技术企业/)], [2, POLICY]),
  j('供应连金融', 'typo', [3, cp('SUPPLY_CHAIN')]),
  j('人材贷', 'typo', [3, cp('TALENT_LOAN')]),
  j('专精特新小巨仁', 'typo', [3, id('anchor-little-giant')], [2, POLICY]),
  j('工业互连网', 'typo', [3, T(/工业互联网/)], [2, DIGITAL]),
  j('碳核箅', 'typo', [3, T(/碳核算/)], [1, GREEN]),
  j('订单融姿', 'typo', [3, cp('ORDER_FINANCING')]),
  j('研发用防', 'typo', [3, and(PARK, T(/研发用房/))]),
  j('计量校淮', 'typo', [3, T(/计量校准/)]),
  j('知识产权贯镖', 'typo', [3, T(/贯标/)]),
  j('压铸模俱', 'typo', [3, and(CHALLENGE, T(/压铸模具/))]),
  j('跨境电啇', 'typo', [3, T(/跨境电商/)]),
  j('机器视角检测', 'typo', [3, and(CHALLENGE, T(/机器视觉/))]),
  j('小微企业圆', 'typo', [3, and(PARK, T(/小微企业园/))]),

  // ── Latin letters and digits mixed in ───────────────────────────────────────────────────────
  j('ISO9001认证', 'mixed-script', [3, T(/ISO9001/)], [2, TESTING], [1, id('decoy-iso')]),
  j('iso9001质量体系', 'mixed-script', [3, T(/ISO9001/)], [2, TESTING], [1, id('decoy-iso')]),
  j('CNAS检测', 'mixed-script', [3, T(/CNAS/)], [2, TESTING]),
  j('CNAS实验室', 'mixed-script', [3, T(/CNAS实验室/)], [2, TESTING]),
  j('MES实施', 'mixed-script', [3, T(/MES/)], [2, id('anchor-digital')], [1, DIGITAL]),
  j('5G网关', 'mixed-script', [3, T(/5G工业网关/)], [2, id('anchor-5g')]),
  j('5G工业互联网', 'mixed-script', [3, id('anchor-5g')], [2, or(T(/5G工业网关/), id('decoy-5g'))]),
  j('CE认证出口', 'mixed-script', [3, T(/CE认证/)], [1, TESTING]),
  j('IATF16949', 'mixed-script', [3, X(/IATF16949/)], [1, TESTING]),
  j('1000平厂房', 'mixed-script', [3, and(PLANT, T(/1000平/))], [1, PLANT]),
  j('500平仓库', 'mixed-script', [3, and(PARK, T(/仓库500平/))], [1, and(PARK, T(/仓库/))]),
  j('2000平标准厂房出租', 'mixed-script', [3, T(/标准厂房2000平(出租|租售)/)], [2, T(/标准厂房2000平/)], [1, and(PARK, T(/标准厂房/))]),
  j('5吨行车厂房', 'mixed-script', [3, and(PLANT, X(/5吨行车/))], [2, and(PARK, X(/行车/))], [1, PLANT]),
  j('５Ｇ专网', 'mixed-script', [3, X(/5G专网/)], [1, DIGITAL]),
  j('Ａ轮投资授信', 'mixed-script', [3, id('anchor-linkage')], [1, cp('LOAN_INVESTMENT_LINKAGE')]),
  j('人才贷款2.0', 'mixed-script', [3, id('anchor-talent')], [2, cp('TALENT_LOAN')]),
  j('层高9米厂房', 'mixed-script', [3, and(PLANT, X(/层高9米/))], [1, PLANT]),
  j('楼面荷载3吨', 'mixed-script', [3, and(PARK, X(/楼面荷载3吨/))], [1, PARK]),
  j('WMS设备联网', 'mixed-script', [3, X(/WMS/)], [1, DIGITAL]),
  j('CMA资质检测', 'mixed-script', [3, X(/CMA/)], [1, TESTING]),
  j('0.3秒对焦马达', 'mixed-script', [3, T(/对焦马达/)], [1, CHALLENGE]),
];

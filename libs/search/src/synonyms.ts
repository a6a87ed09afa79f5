/**
 * Synonyms and dictionary for listing search, shared by both adapters (one data file, versioned:
 * bump SYNONYMS_VERSION on every change so the Meilisearch adapter re-applies its settings).
 *
 * Terms come from docs/DOMAIN.md: §2 揭榜挂帅, §3 financing products, §4 service categories,
 * §5 parks and vacancies, plus the tier titles of §1. Each group is a set of mutually equivalent
 * spellings an enterprise may type (abbreviations such as 知产 are reached by no tokenizer).
 * Groups are deliberately narrow: a member must mean the same thing as the others, not merely be
 * related (贷款 ↛ 融资), because every member widens recall for every other one. Members contain no
 * whitespace (a query term never does) and each belongs to one group only (checked by a unit test).
 */
import { normalizeText } from './text/normalize.js';

export const SYNONYMS_VERSION = '2026-11-01.1';

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // §3.5 知识产权 and pledge financing
  ['知识产权', '知产'],
  ['知识产权质押', '知产质押', '专利质押'],
  ['知识产权质押融资', '知识产权质押贷款', '知产贷'],
  ['质押融资', '质押贷款'],
  ['知识产权代理', '专利代理'],
  ['专利申请', '专利申报'],
  ['商标注册', '商标申请'],
  // §3.7 贷投联动 and equity
  ['投贷联动', '贷投联动'],
  ['认股选择权', '认股权'],
  ['股权融资', '股权投资'],
  // §3.1–3.8 credit products
  ['信用贷', '信用贷款'],
  ['人才贷', '人才贷款'],
  ['供应链金融', '供应链融资'],
  ['订单贷', '订单融资'],
  ['应收账款融资', '应收账款质押'],
  ['科技创新和技术改造再贷款', '科技创新再贷款', '技术改造再贷款', '科创再贷款', '技改再贷款'],
  ['普惠贷', '普惠贷款'],
  ['贴息', '财政贴息', '利息补贴'],
  ['风险补偿', '风险池'],
  ['政府性融资担保', '政策性融资担保'],
  ['信易贷', '融资信用服务平台'],
  // §1 tiers and titles
  ['专精特新小巨人', '小巨人'],
  ['专精特新中小企业', '专精特新企业'],
  ['创新型中小企业', '创新型企业'],
  ['科技型中小企业', '科小'],
  ['高企', '高新技术企业'],
  ['单项冠军', '制造业单项冠军'],
  ['首台套', '首台(套)'],
  ['研发费用', '研发投入'],
  // §2 揭榜挂帅
  ['揭榜挂帅', '揭榜', '揭榜制'],
  ['发榜', '张榜'],
  ['技术难题', '技术难点'],
  ['成果转化', '技术转移', '技术转让'],
  ['产学研合作', '校企合作'],
  // §4.2 service categories
  ['数字化改造', '数字化转型'],
  ['技术改造', '技改'],
  ['智能工厂', '数字化工厂'],
  ['数字化车间', '智能车间'],
  ['企业上云', '上云用云'],
  ['两化融合', '信息化和工业化融合'],
  ['检验检测', '检测认证'],
  ['ISO9001', '质量管理体系认证'],
  ['计量校准', '仪器校准'],
  ['节能降碳', '绿色低碳', '双碳'],
  ['节能诊断', '能效诊断'],
  ['碳核算', '碳盘查'],
  ['绿色工厂', '绿色制造'],
  ['管理咨询', '企业咨询'],
  ['政策申报', '项目申报'],
  ['市场拓展', '市场开拓'],
  ['产业对接', '供需对接', '产需对接'],
  ['人才培训', '员工培训', '技能培训'],
  ['财税咨询', '财税服务'],
  // §5 parks and vacancies
  ['小微园', '小微企业园'],
  ['产业园', '园区'],
  ['厂房', '标准厂房', '车间'],
  ['研发用房', '研发楼'],
  ['办公用房', '办公楼'],
  ['仓库', '仓储用房'],
  ['工业上楼', '厂房上楼'],
  ['亩均效益', '亩产效益'],
  ['孵化器', '孵化基地'],
  // industries common in Ningbo listings
  ['新能源汽车', '新能源车'],
  ['集成电路', '芯片'],
  ['工业机器人', '机械手'],
  ['机器视觉', '工业视觉'],
];

/**
 * Domain terms a word segmenter must keep whole (Meilisearch `dictionary`): every synonym member
 * plus other compound terms of DOMAIN.md that jieba splits (知识产权质押融资 → 知识/产权/质/押/融资).
 */
export const DICTIONARY: readonly string[] = [
  ...new Set([
    ...SYNONYM_GROUPS.flat(),
    '专精特新',
    '专精特新小巨人企业',
    '梯度培育',
    '揭榜挂帅',
    '大企业发榜',
    '中小企业揭榜',
    '攻关方案',
    '悬赏金额',
    '知识产权质押融资',
    '知识产权优势企业',
    '浙科联合贷',
    '浙科普惠联合贷',
    '浙科成长联合贷',
    '浙科领航联合贷',
    '宁波普惠贷',
    '金融综合服务平台',
    '科技创新券',
    '创新券',
    '服务券',
    '一起益企',
    '小微企业园',
    '亩均税收',
    '楼面荷载',
    '层高',
    '行车',
    '分割出售',
    '标准厂房',
    '检验检测',
    '认证认可',
    '试验检验',
    '节能降碳',
    '数字化转型',
    '工业互联网',
    '智能制造',
    '产业链',
    '补短板',
    '锻长板',
    '填空白',
    '工业六基',
    '单项冠军',
    '隐形冠军',
  ]),
];

interface NormalizedGroup {
  members: string[];
}

function normalizeGroups(groups: readonly (readonly string[])[]): NormalizedGroup[] {
  return groups.map((g) => ({ members: [...new Set(g.map(normalizeText))] }));
}

const DEFAULT_GROUPS = normalizeGroups(SYNONYM_GROUPS);

/** Upper bound on the variants of one query, the query itself included. */
export const MAX_EXPANSIONS = 24;

function replaceAll(text: string, search: string, replacement: string): string {
  return text.split(search).join(replacement);
}

/**
 * One round: for each group, its longest member found in `text` is replaced (everywhere) by each
 * other member. Longest first keeps 标准厂房 from also being read as 厂房 (→ 标准标准厂房).
 */
function expandOnce(text: string, groups: readonly NormalizedGroup[], out: string[], seen: Set<string>): void {
  for (const { members } of groups) {
    let longest = '';
    for (const m of members) if (m.length > longest.length && text.includes(m)) longest = m;
    if (!longest) continue;
    for (const other of members) {
      if (other === longest) continue;
      const variant = replaceAll(text, longest, other);
      if (seen.has(variant)) continue;
      if (out.length >= MAX_EXPANSIONS) return;
      seen.add(variant);
      out.push(variant);
    }
  }
}

/**
 * The (normalised) query followed by its synonym variants, each made by replacing a matched group
 * member with another member of its group; two rounds, so 知产质押贷款 also gives 知识产权质押融资.
 * Pure; at most MAX_EXPANSIONS strings. `expandQuery('知产')` → ['知产', '知识产权'].
 */
export function expandQuery(query: string, groups: readonly (readonly string[])[] = SYNONYM_GROUPS): string[] {
  const normalizedGroups = groups === SYNONYM_GROUPS ? DEFAULT_GROUPS : normalizeGroups(groups);
  const base = normalizeText(query);
  if (base.length === 0) return [base];
  const out = [base];
  const seen = new Set(out);
  expandOnce(base, normalizedGroups, out, seen);
  const firstRound = out.length;
  for (let i = 1; i < firstRound && out.length < MAX_EXPANSIONS; i++) expandOnce(out[i]!, normalizedGroups, out, seen);
  return out;
}

/** The groups as Meilisearch wants them: each member mapped to the other members of its group(s). */
export function synonymMap(groups: readonly (readonly string[])[] = SYNONYM_GROUPS): Record<string, string[]> {
  const map: Record<string, Set<string>> = {};
  for (const group of normalizeGroups(groups)) {
    for (const m of group.members) {
      const set = (map[m] ??= new Set());
      for (const o of group.members) if (o !== m) set.add(o);
    }
  }
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, [...v]]));
}

/**
 * The vocabulary the query analysis segments against (query-analysis.ts): the product's own words,
 * built once from data the product already has. Pure: no Nest, no TypeORM, no I/O.
 *
 * Sources, each normalised like documents and queries (normalize.ts):
 * - every synonym member and the segmenter dictionary (synonyms.ts: 知产质押, 贷投联动, 小巨人…);
 * - the Chinese labels of kinds, service categories, credit product types and use classes (labels.ts);
 * - GB/T 4754 manufacturing division names and their parts (libs/codes: 汽车制造业, 汽车, 通用设备…);
 * - tier names (创新型中小企业, 专精特新中小企业, 专精特新小巨人: already synonym members);
 * - a short list of everyday marketplace words (专利, 贷款, 申报, 出租…) so neighbouring unknown
 *   characters are not read across a word boundary;
 * - region names and their short forms from libs/codes (余姚市/余姚, 宁波市/宁波/甬, 浙江省/浙江),
 *   plus 杭州湾/杭州湾新区 (宁波's new zone, so 杭州湾 is not read as 杭州 + 湾).
 * A word that is both a region and a plain word is a region. Frequent n-grams mined from listings at
 * index build are NOT part of it (see docs/adr/0030): unknown runs fall back to character bigrams.
 */
import { MANUFACTURING_DIVISIONS, REGION_CODES } from '../../../codes/src/index.js';
import { LABELS } from '../labels.js';
import { DICTIONARY, SYNONYM_GROUPS } from '../synonyms.js';
import { normalizeText } from '../text/normalize.js';

export interface RegionEntry {
  /** GB/T 2260 code of the region the word names (余姚 → 330281). */
  code: string;
  /** Its official name (余姚市). */
  name: string;
}

export interface VocabularyEntry {
  /** Set for a region name or short form; the analysis turns it into a region filter. */
  region?: RegionEntry;
}

export interface Vocabulary {
  readonly entries: ReadonlyMap<string, VocabularyEntry>;
  /** Longest entry in UTF-16 units (bounds the segmenter's look-ahead). */
  readonly maxLength: number;
  /** Words dropped from a query when other words remain (的, 和, 找…). */
  readonly stopwords: ReadonlySet<string>;
}

/** Everyday words of the marketplace that are no synonym member or label. */
export const COMMON_WORDS: readonly string[] = [
  '专利', '商标', '版权', '贷款', '融资', '授信', '担保', '保险', '银行', '基金', '创投', '投资', '利率', '贴息', '补贴', '补助',
  '申报', '认定', '申请', '评审', '评价', '入库', '备案', '辅导', '代办', '咨询', '诊断', '培训', '评估', '认证', '检测', '检验',
  '测试', '校准', '审核', '服务', '方案', '平台', '中心', '研究院', '实验室', '出租', '出售', '租售', '招租', '招商', '租赁', '租金',
  '园区', '厂房', '车间', '仓库', '办公', '研发', '设备', '产线', '改造', '升级', '更新', '智能', '数字化', '信息化', '自动化',
  '模具', '注塑', '压铸', '电池', '电机', '芯片', '传感器', '机器人', '新材料', '新能源', '光伏', '储能', '汽车', '零部件', '家电',
  '企业', '中小企业', '小微企业', '专精特新', '科技', '创新', '技术', '攻关', '难题', '需求', '合作', '对接', '转化', '成果',
  '节能', '降碳', '碳排放', '环保', '环评', '消防', '安全', '质量', '标准', '管理', '精益', '财税', '税务', '法律', '上市', '股改',
  '人才', '招聘', '质押', '抵押', '工业', '制造', '网关', '信用', '出口', '外贸', '跨境', '电商', '品牌', '营销', '市场',
];

const STOPWORDS: readonly string[] = ['的', '了', '和', '与', '及', '或', '在', '找', '要', '想', '我', '吗', '呢', '请', '求', '有', '个', '哪', '些', '是'];

/** Region words that are not region names: 杭州湾 must not become 杭州 (330100) + 湾. */
const EXTRA_REGION_WORDS: ReadonlyArray<readonly [string, string, string]> = [
  ['杭州湾新区', '330200', '宁波市'],
  ['杭州湾', '330200', '宁波市'],
  ['甬', '330200', '宁波市'],
];

/** Short forms that are everyday words first (路桥 road bridge, 天台 rooftop…): only the full name is a region. */
const AMBIGUOUS_SHORT_FORMS = new Set(['路桥', '天台', '开化', '江山', '海盐', '文成', '云和', '常山', '东阳', '龙游']);

const REGION_SUFFIXES = ['特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '畲族自治县', '自治县', '省', '市', '区', '县'];

/** The official name and the short forms of a region name (余姚市 → 余姚市, 余姚); short forms keep ≥ 2 characters. */
export function regionNameForms(name: string): string[] {
  const forms = [name];
  for (const suffix of REGION_SUFFIXES) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) {
      const short = name.slice(0, -suffix.length);
      if (!AMBIGUOUS_SHORT_FORMS.has(short)) forms.push(short);
      break;
    }
  }
  return forms;
}

/** Parts of a GB/T 4754 division name (酒、饮料和精制茶制造业 → 酒、饮料和精制茶制造业, 精制茶, 饮料…). */
export function industryNameForms(name: string): string[] {
  const out = [name];
  const core = name.replace(/(制造业|加工业|工业|业)$/u, '');
  if (core.length >= 2) out.push(core);
  for (const part of core.split(/[、，,和及]/u)) if (part.length >= 2) out.push(part);
  return [...new Set(out)];
}

export interface VocabularyOptions {
  /** Further plain words (for example terms mined from listings); no whitespace. */
  extraTerms?: readonly string[];
  synonyms?: readonly (readonly string[])[];
}

/** Builds the vocabulary; call once and keep it (it holds a few thousand entries). */
export function buildVocabulary(options: VocabularyOptions = {}): Vocabulary {
  const entries = new Map<string, VocabularyEntry>();
  const plain = (word: string) => {
    const w = normalizeText(word).trim();
    if (w.length === 0 || /\s/.test(w) || entries.has(w)) return;
    entries.set(w, {});
  };
  for (const group of options.synonyms ?? SYNONYM_GROUPS) group.forEach(plain);
  DICTIONARY.forEach(plain);
  for (const label of Object.values(LABELS)) label.split(/\s+/).forEach(plain);
  for (const name of Object.values(MANUFACTURING_DIVISIONS)) industryNameForms(name).forEach(plain);
  COMMON_WORDS.forEach(plain);
  options.extraTerms?.forEach(plain);
  // Regions last: a word that is both is a region. A short form shared by two regions stays with the
  // first (provinces come before Zhejiang's cities in REGION_CODES; none collide today).
  const regionWords = new Map<string, RegionEntry>();
  for (const [code, name] of REGION_CODES) {
    for (const form of regionNameForms(name)) if (!regionWords.has(form)) regionWords.set(form, { code, name });
  }
  for (const [word, code, name] of EXTRA_REGION_WORDS) regionWords.set(word, { code, name });
  for (const [word, region] of regionWords) entries.set(normalizeText(word), { region });
  let maxLength = 1;
  for (const word of entries.keys()) maxLength = Math.max(maxLength, word.length);
  return { entries, maxLength: Math.min(maxLength, 24), stopwords: new Set(STOPWORDS) };
}

let defaultVocabulary: Vocabulary | undefined;

/** The vocabulary of the default synonyms, built on first use. */
export function vocabulary(): Vocabulary {
  return (defaultVocabulary ??= buildVocabulary());
}

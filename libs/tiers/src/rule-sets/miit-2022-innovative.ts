/**
 * 创新型中小企业 — 2022 Annex 1 (工信部企业〔2022〕63号), DOMAIN.md §1.2. Still used under the
 * 2026 measures until a merged 科技+创新型 standard appears (DOMAIN.md §0), so MIIT-2026 reuses it.
 *
 * Pass = (score ≥ 60 with 创新能力 ≥ 20, 成长性 ≥ 15, 专业化 ≥ 15) OR any direct condition.
 */
import type { TierRules } from '../rule-types.js';
import { NOTE_EVENT_WINDOW, atLeast, atMost, mustHold, rule, smeRule } from './common.js';

const IP_NOTE =
  'Ⅰ类高价值的认定范围待核对工信部企业〔2022〕63号附件1原文；未校验与主导产品的相关性、Ⅱ类授权后维持满2年、受让不满1年不计';

export const INNOVATIVE_SME_2022: TierRules = {
  tier: 'INNOVATIVE_SME',
  label: '创新型中小企业',
  defaultPath: 'SCORE',
  table: {
    maxScore: 100,
    categories: [
      { id: 'INNOVATION', label: '创新能力', maxPoints: 40 },
      { id: 'GROWTH', label: '成长性', maxPoints: 30 },
      { id: 'SPECIALIZATION', label: '专业化', maxPoints: 30 },
    ],
    indicators: [
      {
        kind: 'bands',
        code: 'A1.IP',
        label: '与主导产品相关的有效知识产权',
        category: 'INNOVATION',
        metric: 'ipClassLevel',
        maxPoints: 20,
        // Level codes: 4 Ⅰ类高价值, 3 自主研发Ⅰ类, 2 Ⅰ类, 1 Ⅱ类, 0 none.
        bands: atLeast([4, 20], [3, 15], [2, 10], [1, 5]),
        note: IP_NOTE,
      },
      {
        kind: 'bands',
        code: 'A1.RD_RATIO',
        label: '上年度研发费用占营业收入比重',
        category: 'INNOVATION',
        metric: 'rdRatioPriorYear',
        maxPoints: 20,
        bands: atLeast([0.05, 20], [0.03, 15], [0.02, 10], [0.01, 5]),
      },
      {
        kind: 'bands',
        code: 'A1.GROWTH',
        label: '上年度主营业务收入增长率',
        category: 'GROWTH',
        metric: 'mainBusinessGrowthPriorYear',
        maxPoints: 20,
        bands: atLeast([0.15, 20], [0.1, 15], [0.05, 10], [0, 5]),
      },
      {
        kind: 'bands',
        code: 'A1.DEBT',
        label: '上年度资产负债率',
        category: 'GROWTH',
        metric: 'debtRatioPriorYear',
        maxPoints: 10,
        bands: atMost([0.55, 10], [0.75, 5]),
      },
      {
        kind: 'bands',
        code: 'A1.FIELD',
        label: '主导产品所属领域',
        category: 'SPECIALIZATION',
        metric: 'strategicEmergingIndustry',
        maxPoints: 10,
        bands: [
          { is: true, points: 10 },
          { is: false, points: 5 },
        ],
      },
      {
        kind: 'bands',
        code: 'A1.MAIN_SHARE',
        label: '上年度主营业务收入占营业收入比重',
        category: 'SPECIALIZATION',
        metric: 'mainBusinessShare',
        maxPoints: 20,
        bands: atLeast([0.7, 20], [0.6, 15], [0.55, 10], [0.5, 5]),
      },
    ],
  },
  requires: {
    kind: 'allOf',
    items: [
      smeRule('A1'),
      {
        kind: 'anyOf',
        items: [
          {
            kind: 'allOf',
            code: 'A1.PATH.SCORE',
            label: '评分路径：总分≥60分，且创新能力≥20分、成长性≥15分、专业化≥15分',
            path: 'SCORE',
            items: [
              { kind: 'score', code: 'A1.SCORE', label: '评价总分', min: 60 },
              { kind: 'categoryScore', code: 'A1.MIN.INNOVATION', label: '创新能力类得分', category: 'INNOVATION', min: 20 },
              { kind: 'categoryScore', code: 'A1.MIN.GROWTH', label: '成长性类得分', category: 'GROWTH', min: 15 },
              { kind: 'categoryScore', code: 'A1.MIN.SPECIALIZATION', label: '专业化类得分', category: 'SPECIALIZATION', min: 15 },
            ],
          },
          {
            kind: 'anyOf',
            code: 'A1.PATH.DIRECT',
            label: '直通条件（满足其一即可）',
            path: 'DIRECT',
            items: [
              mustHold('A1.DIRECT.AWARD', '近3年内获得国家级或省级科技奖励', 'scienceAward3y', { note: `工信部企业〔2022〕63号附件1直通条件第1项；${NOTE_EVENT_WINDOW}` }),
              mustHold('A1.DIRECT.HONOUR', '获得高新技术企业、国家级技术创新示范企业、知识产权优势企业或知识产权示范企业等称号（有效期内）', 'qualifyingHonour', {
                note: '工信部企业〔2022〕63号附件1直通条件第2项；称号是否仍在有效期内按企业填报，未另行校验',
              }),
              rule('A1.DIRECT.RD_INSTITUTION', '拥有经认定的省部级以上研发机构', 'rdInstitutionLevel', '>=', 3, {
                note: '工信部企业〔2022〕63号附件1直通条件第3项；按自建研发机构级别为省级或国家级判断',
              }),
              rule('A1.DIRECT.EQUITY', '近3年新增股权融资总额（合格机构投资者实缴额）≥500万元', 'equityFinancing3y', '>=', 5_000_000, {
                note: `工信部企业〔2022〕63号附件1直通条件第4项；${NOTE_EVENT_WINDOW}；已填写各笔融资到账日期的按日期计，否则按年度融资额计，跨越起算日的年度须补充到账日期`,
              }),
            ],
          },
        ],
      },
    ],
  },
};

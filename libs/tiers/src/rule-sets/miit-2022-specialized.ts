/**
 * 专精特新中小企业 — 2022 Annex 2 (工信部企业〔2022〕63号), DOMAIN.md §1.3.
 *
 * All four conditions: ≥2 years in the niche; prior-year R&D ≥100万元 and ≥3 %; revenue ≥1000万元
 * (or ≥2000万元 equity over 2 years); score ≥60 on the 13-indicator table OR a direct condition.
 */
import type { TierRules } from '../rule-types.js';
import { NOTE_EVENT_WINDOW, atLeast, atMost, mustHold, rule, smeRule } from './common.js';

export const SPECIALIZED_SME_2022: TierRules = {
  tier: 'SPECIALIZED_SME',
  label: '专精特新中小企业',
  defaultPath: 'SCORE',
  table: {
    maxScore: 100,
    categories: [
      { id: 'SPECIALIZATION', label: '专业化', maxPoints: 25 },
      { id: 'REFINEMENT', label: '精细化', maxPoints: 25 },
      { id: 'FEATURE', label: '特色化', maxPoints: 15 },
      { id: 'INNOVATION', label: '创新能力', maxPoints: 35 },
    ],
    indicators: [
      {
        kind: 'bands',
        code: 'A2.IND.MAIN_SHARE',
        label: '1. 上年度主营业务收入占营业收入比重',
        category: 'SPECIALIZATION',
        metric: 'mainBusinessShare',
        maxPoints: 5,
        bands: atLeast([0.8, 5], [0.7, 3], [0.6, 1]),
      },
      {
        kind: 'bands',
        code: 'A2.IND.GROWTH',
        label: '2. 近2年主营业务收入平均增长率',
        category: 'SPECIALIZATION',
        metric: 'mainBusinessGrowthAvg2y',
        maxPoints: 10,
        bands: atLeast([0.1, 10], [0.08, 8], [0.06, 6], [0.04, 4], [0, 2]),
        note: '工信部企业〔2022〕63号附件2评分表第2项；平均增长率按近2年各年增长率的算术平均计（官方口径待核对）',
      },
      {
        kind: 'bands',
        code: 'A2.IND.NICHE_YEARS',
        label: '3. 从事特定细分市场年限',
        category: 'SPECIALIZATION',
        metric: 'yearsInNiche',
        maxPoints: 5,
        // "Each full 2 years earns 1 point, capped at 5."
        bands: atLeast([10, 5], [8, 4], [6, 3], [4, 2], [2, 1]),
      },
      {
        kind: 'bands',
        code: 'A2.IND.FIELD',
        label: '4. 主导产品所属领域情况',
        category: 'SPECIALIZATION',
        metric: 'mainProductFieldLevel',
        maxPoints: 5,
        bands: atLeast([2, 5], [1, 3]),
      },
      {
        kind: 'bands',
        code: 'A2.IND.DIGITAL',
        label: '5. 数字化水平',
        category: 'REFINEMENT',
        metric: 'digitalMaturityLevel',
        maxPoints: 5,
        bands: atLeast([3, 5], [2, 3]),
        note: '工信部企业〔2022〕63号附件2评分表第5项；以中小企业数字化水平测评等级为准',
      },
      {
        kind: 'bands',
        code: 'A2.IND.QUALITY',
        label: '6. 质量管理水平',
        category: 'REFINEMENT',
        metric: 'qualityItems',
        maxPoints: 5,
        // +3 per item, capped at 5.
        bands: atLeast([2, 5], [1, 3]),
        note: '工信部企业〔2022〕63号附件2评分表第6项；每满足一项加3分，最高5分；已填写的质量信息中未勾选的项按不具备计',
      },
      {
        kind: 'bands',
        code: 'A2.IND.NET_MARGIN',
        label: '7. 上年度净利润率',
        category: 'REFINEMENT',
        metric: 'netMarginPriorYear',
        maxPoints: 10,
        bands: atLeast([0.1, 10], [0.08, 8], [0.06, 6], [0.04, 4], [0.02, 2]),
      },
      {
        kind: 'bands',
        code: 'A2.IND.DEBT',
        label: '8. 上年度资产负债率',
        category: 'REFINEMENT',
        metric: 'debtRatioPriorYear',
        maxPoints: 5,
        bands: atMost([0.5, 5], [0.6, 3], [0.7, 1]),
      },
      { kind: 'local', code: 'A2.IND.LOCAL', label: '9. 地方特色指标（省定）', category: 'FEATURE', maxPoints: 15 },
      {
        kind: 'bands',
        code: 'A2.IND.IP',
        label: '10. 与主导产品相关的有效知识产权',
        category: 'INNOVATION',
        metric: 'ipClassLevel',
        maxPoints: 10,
        bands: atLeast([4, 10], [3, 8], [2, 6], [1, 2]),
        note: '分值来自四川省转载的工信部企业〔2022〕63号附件2评分表；Ⅰ类高价值认定范围待核对原文',
      },
      {
        kind: 'bestOf',
        code: 'A2.IND.RD',
        label: '11. 上年度研发费用投入（金额或占比，取高者）',
        category: 'INNOVATION',
        maxPoints: 10,
        options: [
          { metric: 'rdExpensePriorYear', bands: atLeast([5_000_000, 10], [4_000_000, 8], [3_000_000, 6], [2_000_000, 4], [1_000_000, 2]) },
          { metric: 'rdRatioPriorYear', bands: atLeast([0.1, 10], [0.08, 8], [0.06, 6], [0.04, 4], [0.03, 2]) },
        ],
      },
      {
        kind: 'bands',
        code: 'A2.IND.RD_STAFF',
        label: '12. 上年度研发人员占全部职工比重',
        category: 'INNOVATION',
        metric: 'rdStaffShare',
        maxPoints: 5,
        bands: atLeast([0.2, 5], [0.1, 3], [0.05, 1]),
        note: '分档待核对工信部企业〔2022〕63号附件2评分表原文',
      },
      {
        kind: 'bands',
        code: 'A2.IND.RD_INSTITUTION',
        label: '13. 建立研发机构级别',
        category: 'INNOVATION',
        metric: 'rdInstitutionLevel',
        maxPoints: 10,
        bands: atLeast([4, 10], [3, 8], [2, 4], [1, 2]),
        note: '分档待核对工信部企业〔2022〕63号附件2评分表原文',
      },
    ],
  },
  requires: {
    kind: 'allOf',
    items: [
      smeRule('A2'),
      rule('A2.COND.NICHE_YEARS', '条件1：从事特定细分市场时间达到2年以上', 'yearsInNiche', '>=', 2, {
        note: '工信部企业〔2022〕63号附件2认定条件第1项；年限计至上年末',
      }),
      {
        kind: 'allOf',
        code: 'A2.COND.RD',
        label: '条件2：上年度研发费用总额≥100万元，且占营业收入比重≥3%',
        items: [
          rule('A2.COND.RD_EXPENSE', '上年度研发费用总额', 'rdExpensePriorYear', '>=', 1_000_000),
          rule('A2.COND.RD_RATIO', '上年度研发费用占营业收入比重', 'rdRatioPriorYear', '>=', 0.03),
        ],
      },
      {
        kind: 'anyOf',
        code: 'A2.COND.REVENUE',
        label: '条件3：上年度营业收入≥1000万元，或近2年新增股权融资总额≥2000万元',
        items: [
          rule('A2.COND.REVENUE.AMOUNT', '上年度营业收入', 'revenuePriorYear', '>=', 10_000_000),
          rule('A2.COND.REVENUE.EQUITY', '近2年新增股权融资总额（合格机构投资者实缴额）', 'equityFinancing2y', '>=', 20_000_000),
        ],
      },
      {
        kind: 'anyOf',
        code: 'A2.COND.SCORE_OR_DIRECT',
        label: '条件4：评价得分≥60分，或满足直通条件之一',
        items: [
          { kind: 'score', code: 'A2.SCORE', label: '评价总分', min: 60, path: 'SCORE' },
          {
            kind: 'anyOf',
            code: 'A2.DIRECT',
            label: '直通条件（满足其一即可）',
            path: 'DIRECT',
            items: [
              mustHold('A2.DIRECT.AWARD', '(a) 近3年获省级科技奖励并列前三名，或国家级科技奖励并列前五名', 'provincialTop3OrNationalTop5Award3y', {
                note: `工信部企业〔2022〕63号附件2认定条件第4项直通条件(a)；${NOTE_EVENT_WINDOW}`,
              }),
              rule('A2.DIRECT.RD_AVG', '(b) 近2年研发费用平均值≥1000万元', 'rdExpenseAvg2y', '>=', 10_000_000),
              rule('A2.DIRECT.EQUITY', '(c) 近2年新增股权融资总额≥6000万元', 'equityFinancing2y', '>=', 60_000_000),
              mustHold('A2.DIRECT.MAKER_CHINA', '(d) 近3年进入"创客中国"大赛全国500强企业组', 'makerChinaTop500_3y', {
                note: `工信部企业〔2022〕63号附件2认定条件第4项直通条件(d)；${NOTE_EVENT_WINDOW}；未填写"创客中国"成绩视为未入围`,
              }),
            ],
          },
        ],
      },
    ],
  },
};

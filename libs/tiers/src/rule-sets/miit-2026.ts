/**
 * MIIT-2026: 《优质中小企业梯度培育管理办法》(工信部企业〔2026〕2号), in force from 2026-04-01,
 * DOMAIN.md §1.6. 创新型 keeps the 2022 Annex 1 (transition, §0). 专精特新 and 小巨人 are plain
 * condition lists; the platform-computed 专精特新发展评价得分 is an input, PENDING while missing (a new
 * application needs the assessment year's score; a re-review either of the last 2 years).
 * Codes: B1 = 2026 Annex 1 (专精特新), B2 = 2026 Annex 2 (小巨人).
 */
import type { RuleSet, TierRules } from '../rule-types.js';
import { BOUNDARY_NOTE, NOTE_2026, NOTE_EVENT_WINDOW, mustHold, rule, smeRule } from './common.js';
import { INNOVATIVE_SME_2022 } from './miit-2022-innovative.js';

/** 新申请 needs the assessment year's score; an older one does not stand in for it. */
const NOTE_ASSESSMENT_YEAR = '新申请须为评价年度的得分，仅有以前年度得分时为待定';

const PLATFORM_NOTE = '得分由优质中小企业梯度培育平台按《中小企业专精特新发展评价指标体系》（工信厅企业〔2024〕75号）测算，无法本地计算；未提供时为待定';

export const SPECIALIZED_SME_2026: TierRules = {
  tier: 'SPECIALIZED_SME',
  label: '专精特新中小企业',
  defaultPath: 'CONDITIONS',
  requires: {
    kind: 'allOf',
    items: [
      smeRule('B1'),
      mustHold('B1.BASE', '为有效期内的科技型中小企业或创新型中小企业', 'techOrInnovativeSme', {
        modes: ['NEW'],
        note: '依据工信部企业〔2026〕2号附件1；有效期内的创新型中小企业称号，或有效期内的专精特新中小企业、"小巨人"企业称号（更高一级）也视为满足',
      }),
      mustHold('B1.BASE', '复核：科技型或创新型中小企业（受复核的称号视为满足）', 'techOrInnovativeSmeUnderReview', {
        modes: ['REVIEW'],
        note: '复核时，受复核的专精特新称号（更高一级）本身即满足本项；依据工信部企业〔2026〕2号附件1及第三章（动态管理）复核规定，待核对原文',
      }),
      rule('B1.NICHE_YEARS', '从事特定细分市场时间≥3年', 'yearsInNiche', '>=', 3, { note: '工信部企业〔2026〕2号附件1；年限计至上年末' }),
      {
        kind: 'anyOf',
        code: 'B1.REVENUE',
        label: '上年度营业收入≥1500万元，或近2年新增股权融资总额≥2000万元',
        note: NOTE_2026,
        items: [
          rule('B1.REVENUE.AMOUNT', '上年度营业收入', 'revenuePriorYear', '>=', 15_000_000),
          rule('B1.REVENUE.EQUITY', '近2年新增股权融资总额（合格机构投资者实缴额）', 'equityFinancing2y', '>=', 20_000_000),
        ],
      },
      rule('B1.MAIN_SHARE', '上年度主营业务收入占营业收入比重≥80%', 'mainBusinessShare', '>=', 0.8, { note: NOTE_2026 }),
      rule('B1.DEBT', '上年末资产负债率≤80%', 'debtRatioPriorYear', '<=', 0.8, { note: NOTE_2026 }),
      {
        kind: 'allOf',
        code: 'B1.RD',
        label: '近2年每年研发费用≥100万元，且占营业收入比重≥3%',
        items: [
          rule('B1.RD_EXPENSE', '近2年研发费用（较低一年）', 'rdExpenseMin2y', '>=', 1_000_000),
          rule('B1.RD_RATIO', '近2年研发费用占营业收入比重（较低一年）', 'rdRatioMin2y', '>=', 0.03),
        ],
      },
      rule('B1.IP', '拥有1项以上与主导产品相关并产生效益的Ⅰ类知识产权', 'inventionPatents', '>=', 1, {
        note: '工信部企业〔2026〕2号附件1；"相关并产生效益"未校验',
        exemptions: [
          {
            label: '近3年获省级及以上科技奖励且排名前三',
            when: mustHold('B1.IP.EXEMPT.AWARD', '近3年获省级及以上科技奖励（前三名）', 'provincialOrHigherTop3Award3y', {
              note: `工信部企业〔2026〕2号附件1；${NOTE_EVENT_WINDOW}`,
            }),
          },
          {
            label: '拥有省级及以上研发机构',
            when: rule('B1.IP.EXEMPT.RD_INSTITUTION', '省级及以上研发机构', 'rdInstitutionLevel', '>=', 3),
          },
        ],
      }),
      {
        kind: 'info',
        code: 'B1.MARKET',
        label: '主导产品细分市场占有率相对较高',
        metric: 'nicheMarketSharePercent',
        note: '工信部企业〔2026〕2号附件1未给出数值门槛，由主管部门判断，不参与本系统判定',
      },
      rule('B1.PLATFORM_SCORE', '专精特新发展评价得分≥50分', 'platformScoreAssessmentYear', '>=', 50, {
        modes: ['NEW'],
        pendingWhenUnknown: true,
        note: `${PLATFORM_NOTE}；${NOTE_ASSESSMENT_YEAR}（工信部企业〔2026〕2号附件1）；${NOTE_2026}`,
      }),
      rule('B1.PLATFORM_SCORE', '复核：近2年任一年专精特新发展评价得分≥50分', 'platformScoreBest2y', '>=', 50, {
        modes: ['REVIEW'],
        pendingWhenUnknown: true,
        note: `${PLATFORM_NOTE}；近2年指本年度与上年度，任一年达到50分即可（比照工信部企业〔2026〕2号附件2对"小巨人"复核的规定，专精特新复核适用待核对原文）；${NOTE_2026}`,
      }),
    ],
  },
};

export const LITTLE_GIANT_2026: TierRules = {
  tier: 'LITTLE_GIANT',
  label: '专精特新"小巨人"企业',
  defaultPath: 'CONDITIONS',
  requires: {
    kind: 'allOf',
    items: [
      smeRule('B2'),
      mustHold('B2.PREREQ', '为有效期内的专精特新中小企业', 'specializedTitleValid', {
        modes: ['NEW'],
        note: '依据工信部企业〔2026〕2号附件2；有效期内的"小巨人"称号（重新申请时）也视为满足，认定满3年未续期且无待定复核的称号已失效、不满足',
      }),
      mustHold('B2.PREREQ', '复核：受复核的专精特新中小企业或"小巨人"企业称号', 'specializedTitleUnderReview', {
        modes: ['REVIEW'],
        note: '复核时，受复核的"小巨人"称号本身即满足本项（复核日为称号认定满3年之日）；依据工信部企业〔2026〕2号第三章（动态管理）复核规定，待核对原文',
      }),
      rule('B2.NICHE_YEARS', '从事特定细分市场时间≥3年', 'yearsInNiche', '>=', 3, {
        note: '工信部企业〔2026〕2号附件2：原对补短板/填空白企业放宽至2年的规定已取消；该放宽在2022年办法中是否存在待核对',
      }),
      rule('B2.REVENUE', '上年度营业收入≥5000万元', 'revenuePriorYear', '>=', 50_000_000, { note: NOTE_2026 }),
      rule('B2.MAIN_SHARE', '上年度主营业务收入占营业收入比重≥90%', 'mainBusinessShare', '>=', 0.9, { note: NOTE_2026 }),
      rule('B2.CAGR', '近2年营业收入年均复合增长率≥5%', 'revenueCagr2y', '>=', 0.05, {
        modes: ['NEW'],
        note: '工信部企业〔2026〕2号附件2；按营业收入（非主营业务收入）计；复核时不考核',
      }),
      rule('B2.DEBT', '上年末资产负债率≤75%', 'debtRatioPriorYear', '<=', 0.75, { note: NOTE_2026 }),
      {
        kind: 'allOf',
        code: 'B2.RD',
        label: '近2年研发费用合计≥1200万元，且每年占营业收入比重≥3%',
        note: NOTE_2026,
        items: [
          rule('B2.RD_TOTAL', '近2年研发费用总额', 'rdExpenseTotal2y', '>=', 12_000_000),
          rule('B2.RD_RATIO', '近2年研发费用占营业收入比重（较低一年）', 'rdRatioMin2y', '>=', 0.03),
        ],
      },
      rule('B2.IP', '拥有4项以上非受让的Ⅰ类知识产权（企业为前三权利人）', 'selfDevelopedInventionPatents', '>=', 4, {
        note: '工信部企业〔2026〕2号附件2；按自主研发（非受让）Ⅰ类数量判断；企业在权利人中排名前三未校验',
        exemptions: [
          {
            label: '近3年获国家级科技奖励且排名前三',
            when: mustHold('B2.IP.EXEMPT.AWARD', '近3年获国家级科技奖励（前三名）', 'nationalTop3Award3y', {
              note: `工信部企业〔2026〕2号附件2；${NOTE_EVENT_WINDOW}`,
            }),
          },
        ],
      }),
      {
        kind: 'anyOf',
        code: 'B2.MARKET',
        label: '主导产品全国细分市场占有率≥10%，或排名全国前三',
        items: [
          rule('B2.MARKET.SHARE', '主导产品全国细分市场占有率', 'nicheMarketSharePercent', '>=', 10),
          mustHold('B2.MARKET.TOP3', '主导产品全国细分市场排名前三', 'marketTop3'),
        ],
      },
      {
        kind: 'anyOf',
        code: 'B2.FIELD',
        label: '主导产品属于工业"六基"领域，或位于产业链关键环节',
        note: `依据工信部企业〔2026〕2号附件2（主导产品所属领域）：仅"六基"领域或产业链关键环节满足本项，制造强国十大重点产业领域、网络强国领域不单独满足；${NOTE_2026}`,
        items: [
          mustHold('B2.FIELD.SIX_FOUNDATIONS', '主导产品属于工业"六基"领域', 'mainProductInSixFoundations', {
            note: '工信部企业〔2026〕2号附件2（主导产品所属领域）；"六基"指核心基础零部件（元器件）、关键软件、先进基础工艺、关键基础材料、产业技术基础；原"重点领域"合并填报为"是"的，不能据此认定属于"六基"，须单独填报',
          }),
          mustHold('B2.FIELD.CHAIN', '位于产业链关键环节', 'keyChainRole'),
        ],
      },
      rule('B2.PLATFORM_SCORE', '专精特新发展评价得分≥60分', 'platformScoreAssessmentYear', '>=', 60, {
        modes: ['NEW'],
        pendingWhenUnknown: true,
        note: `${PLATFORM_NOTE}；${NOTE_ASSESSMENT_YEAR}（工信部企业〔2026〕2号附件2）；${NOTE_2026}`,
      }),
      rule('B2.PLATFORM_SCORE', '复核：近2年任一年专精特新发展评价得分≥60分', 'platformScoreBest2y', '>=', 60, {
        modes: ['REVIEW'],
        pendingWhenUnknown: true,
        note: `${PLATFORM_NOTE}；近2年指本年度与上年度，复核时任一年达到60分即可（工信部企业〔2026〕2号附件2）；${NOTE_2026}`,
      }),
    ],
  },
};

export const MIIT_2026: RuleSet = {
  id: 'MIIT-2026',
  version: '1.0.0',
  title: '优质中小企业梯度培育管理办法（工信部企业〔2026〕2号）；创新型沿用2022年附件1',
  effectiveFrom: '2026-04-01',
  boundaryNote: BOUNDARY_NOTE,
  tiers: [INNOVATIVE_SME_2022, SPECIALIZED_SME_2026, LITTLE_GIANT_2026],
};

/**
 * 专精特新"小巨人" — 2022 Annex 3 (工信部企业〔2022〕63号), DOMAIN.md §1.4. No points table:
 * 专/精/特/新/链/品 are all required; 创新能力 passes by its general conditions or a direct one.
 */
import type { TierRules } from '../rule-types.js';
import { NOTE_EVENT_WINDOW, mustHold, rule, smeRule } from './common.js';

export const LITTLE_GIANT_2022: TierRules = {
  tier: 'LITTLE_GIANT',
  label: '专精特新"小巨人"企业',
  defaultPath: 'CONDITIONS',
  requires: {
    kind: 'allOf',
    items: [
      smeRule('A3'),
      mustHold('A3.PREREQ', '已认定为省级专精特新中小企业', 'specializedTitleValid', {
        modes: ['NEW'],
        note: '须为有效期内的专精特新中小企业或"小巨人"企业，认定满3年未续期且无待定复核的称号已失效、不满足；依据2023年起工业和信息化部"小巨人"申报通知，工信部企业〔2022〕63号附件3原文未核实',
      }),
      mustHold('A3.PREREQ', '复核：受复核的专精特新中小企业或"小巨人"企业称号', 'specializedTitleUnderReview', {
        modes: ['REVIEW'],
        note: '复核时，受复核的称号本身即满足本项（复核日为称号认定满3年之日，称号在复核结论作出前不因届满失效）；依据工信部企业〔2022〕63号第三章（动态管理）复核规定，待核对原文',
      }),
      {
        kind: 'allOf',
        code: 'A3.SPECIALIZATION',
        label: '专业化',
        items: [
          rule('A3.NICHE_YEARS', '截至上年末从事特定细分市场时间≥3年', 'yearsInNiche', '>=', 3),
          rule('A3.MAIN_SHARE', '上年度主营业务收入占营业收入比重≥70%', 'mainBusinessShare', '>=', 0.7),
          rule('A3.GROWTH', '近2年主营业务收入平均增长率≥5%', 'mainBusinessGrowthAvg2y', '>=', 0.05, {
            note: '工信部企业〔2022〕63号附件3（专业化）；平均增长率按近2年各年增长率的算术平均计（官方口径待核对）',
          }),
        ],
      },
      {
        kind: 'allOf',
        code: 'A3.REFINEMENT',
        label: '精细化',
        items: [
          mustHold('A3.CREDIT', '经营规范、社会信誉良好', 'goodCredit'),
          mustHold('A3.INFORMATIZED', '研发设计、生产制造、供应链管理等至少1项核心业务采用信息系统支撑', 'coreProcessInformatized'),
          mustHold('A3.CERTIFICATION', '取得相关管理体系认证，或产品通过发达国家和地区产品认证', 'managementCertification'),
          rule('A3.DEBT', '截至上年末资产负债率≤70%', 'debtRatioPriorYear', '<=', 0.7),
        ],
      },
      {
        kind: 'allOf',
        code: 'A3.FEATURE',
        label: '特色化',
        items: [
          rule('A3.MARKET_SHARE', '主导产品全国细分市场占有率≥10%', 'nicheMarketSharePercent', '>=', 10, {
            note: '工信部企业〔2022〕63号附件3（特色化）；"享有较高知名度和影响力"无法量化，未校验',
          }),
          mustHold('A3.OWN_BRAND', '拥有直接面向市场并具有竞争优势的自主品牌', 'ownBrand'),
        ],
      },
      {
        kind: 'anyOf',
        code: 'A3.INNOVATION',
        label: '创新能力：满足一般条件，或满足直通条件之一',
        items: [
          {
            kind: 'allOf',
            code: 'A3.INNOVATION.GENERAL',
            label: '一般条件（全部满足）',
            path: 'CONDITIONS',
            items: [
              {
                kind: 'switch',
                code: 'A3.RD_INTENSITY',
                label: '研发投入（按上年度营业收入分档）',
                metric: 'revenuePriorYear',
                note: '工信部企业〔2022〕63号附件3（创新能力）"近2年研发费用占比"按两年中每一年均达标判断，未按两年合计口径',
                cases: [
                  {
                    min: 100_000_000,
                    label: '营业收入≥1亿元：近2年研发费用占比均≥3%',
                    then: rule('A3.RD_RATIO_3', '近2年研发费用占营业收入比重（较低一年）', 'rdRatioMin2y', '>=', 0.03),
                  },
                  {
                    min: 50_000_000,
                    label: '营业收入5000万–1亿元：近2年研发费用占比均≥6%',
                    then: rule('A3.RD_RATIO_6', '近2年研发费用占营业收入比重（较低一年）', 'rdRatioMin2y', '>=', 0.06),
                  },
                  {
                    label: '营业收入<5000万元：近2年新增股权融资≥8000万元，且研发费用≥3000万元、研发人员占比≥50%',
                    then: {
                      kind: 'allOf',
                      items: [
                        rule('A3.SMALL.EQUITY', '近2年新增股权融资总额（合格机构投资者实缴额）', 'equityFinancing2y', '>=', 80_000_000),
                        rule('A3.SMALL.RD_TOTAL', '近2年研发费用总额', 'rdExpenseTotal2y', '>=', 30_000_000, {
                          note: '工信部企业〔2022〕63号附件3（创新能力）；"研发投入总额"按近2年合计计',
                        }),
                        rule('A3.SMALL.RD_STAFF', '研发人员占全部职工比重', 'rdStaffShare', '>=', 0.5),
                      ],
                    },
                  },
                ],
              },
              rule('A3.RD_INSTITUTION', '自建或与高校、科研机构联合建立研发机构', 'rdInstitutionLevel', '>=', 1, {
                requiredText: '有（任一级别）',
                note: '工信部企业〔2022〕63号附件3（创新能力）；按自建研发机构级别不为"无"判断（技术研究院、企业技术中心、工程中心、院士专家工作站、博士后工作站等）',
              }),
              rule('A3.IP_COUNT', '拥有2项以上与主导产品相关的Ⅰ类知识产权', 'inventionPatents', '>=', 2, {
                note: '工信部企业〔2022〕63号附件3（创新能力）；"实际应用并已产生经济效益"未校验',
              }),
            ],
          },
          {
            kind: 'anyOf',
            code: 'A3.INNOVATION.DIRECT',
            label: '直通条件（满足其一即可）',
            path: 'DIRECT',
            items: [
              mustHold('A3.DIRECT.AWARD', '近3年获得国家级科技奖励，并在获奖单位中排名前三', 'nationalTop3Award3y', {
                note: `工信部企业〔2022〕63号附件3直通条件：多数转载为"国家级"，有一处转载未写级别，待核对原文；${NOTE_EVENT_WINDOW}`,
              }),
              mustHold('A3.DIRECT.MAKER_CHINA', '近3年进入"创客中国"中小企业创新创业大赛全国50强企业组', 'makerChinaTop50_3y', {
                note: `工信部企业〔2022〕63号附件3（创新能力）直通条件；${NOTE_EVENT_WINDOW}；未填写"创客中国"成绩视为未入围`,
              }),
            ],
          },
        ],
      },
      mustHold('A3.CHAIN', '产业链配套：位于产业链关键环节，围绕重点产业链发挥补短板、锻长板、填空白等作用', 'keyChainRole', {
        note: '工信部企业〔2022〕63号附件3（产业链配套）条文待核对原文',
      }),
      mustHold('A3.PRODUCT', '主导产品原则上属于工业"六基"、制造强国十大重点产业或网络强国领域', 'mainProductInPriorityField', {
        note: '工信部企业〔2022〕63号附件3（主导产品所属领域）条文待核对原文',
      }),
    ],
  },
};

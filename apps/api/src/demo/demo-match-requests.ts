import type { MatchOutcome } from '../../../../libs/matching/src/index.js';

/**
 * Demo 对接申请 between the demo enterprises (DEMO_ORGANIZATIONS keys) and published demo listings
 * (by title), one or more in every state, each driven through the real transitions.
 */
export interface DemoMatchRequest {
  enterpriseKey: string;
  listingTitle: string;
  shareProfile: boolean;
  message: string;
  /** Left out: stays PENDING. */
  then?:
    | {
        respond: { accept: boolean; message: string; reasonCode?: string };
        complete?: { outcome: MatchOutcome; rating: number };
        /** A service delivery recorded by the provider today (price in yuan; issue 17). */
        deliver?: { price: number; note: string };
      }
    | { cancel: true };
}

export const DEMO_MATCH_REQUESTS: readonly DemoMatchRequest[] = [
  {
    enterpriseKey: 'yuyao-optics',
    listingTitle: '甬江知产贷（知识产权质押）',
    shareProfile: true,
    message: '我司有 5 件光学镜头相关发明专利，拟质押融资 800 万元，期限 24 个月，用于新产线建设。',
  },
  {
    enterpriseKey: 'yuyao-optics',
    listingTitle: '高价值发明专利挖掘与布局服务',
    shareProfile: false,
    message: '希望围绕车载镜头模组做一次专利布局分析，并评估 PCT 申请的必要性。',
    then: {
      respond: { accept: true, message: '已安排专利代理师对接，下周二上门调研。' },
      complete: { outcome: 'SUCCESS', rating: 5 },
      deliver: { price: 68_000, note: '专利布局分析报告已交付' },
    },
  },
  {
    enterpriseKey: 'yuyao-mould',
    listingTitle: '四明人才贷',
    shareProfile: true,
    message: '引进 2 名高层次人才，申请人才贷 300 万元。',
    then: { respond: { accept: true, message: '请准备人才认定证明与近两年财务报表。' } },
  },
  {
    enterpriseKey: 'zhenhai-materials',
    listingTitle: '精益生产与数字化车间管理提升咨询',
    shareProfile: false,
    message: '希望做一次精益生产诊断，并规划车间设备联网与 MES 轻量化改造，预算 50 万元以内。',
    then: { respond: { accept: false, message: '本季度顾问档期已满，建议明年一季度再联系。', reasonCode: 'SERVICE_FULLY_BOOKED' } },
  },
  {
    enterpriseKey: 'yinzhou-sensors',
    listingTitle: '1 号标准厂房一层 1,200 ㎡（8 米层高）',
    shareProfile: false,
    message: '扩产需要约 1,000 ㎡ 标准厂房，希望看房。',
    then: { cancel: true },
  },
  {
    enterpriseKey: 'yinzhou-sensors',
    listingTitle: '汽车电子车规级可靠性与 EMC 试验',
    shareProfile: true,
    message: '压力传感器进入车规认证，需要 AEC-Q100 与 EMC 试验。',
    then: { respond: { accept: true, message: '可安排 12 月第一周进场试验。' }, complete: { outcome: 'FAILURE', rating: 3 } },
  },
];

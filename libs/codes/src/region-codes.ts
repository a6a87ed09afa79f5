/**
 * GB/T 2260 行政区划代码 (MCA list), limited to what this marketplace needs:
 * every province-level unit, plus all of Zhejiang down to county level.
 * Current as of 2024; the MCA list changes most years, so re-check annually.
 */

const PROVINCES: ReadonlyArray<readonly [string, string]> = [
  ['110000', '北京市'],
  ['120000', '天津市'],
  ['130000', '河北省'],
  ['140000', '山西省'],
  ['150000', '内蒙古自治区'],
  ['210000', '辽宁省'],
  ['220000', '吉林省'],
  ['230000', '黑龙江省'],
  ['310000', '上海市'],
  ['320000', '江苏省'],
  ['330000', '浙江省'],
  ['340000', '安徽省'],
  ['350000', '福建省'],
  ['360000', '江西省'],
  ['370000', '山东省'],
  ['410000', '河南省'],
  ['420000', '湖北省'],
  ['430000', '湖南省'],
  ['440000', '广东省'],
  ['450000', '广西壮族自治区'],
  ['460000', '海南省'],
  ['500000', '重庆市'],
  ['510000', '四川省'],
  ['520000', '贵州省'],
  ['530000', '云南省'],
  ['540000', '西藏自治区'],
  ['610000', '陕西省'],
  ['620000', '甘肃省'],
  ['630000', '青海省'],
  ['640000', '宁夏回族自治区'],
  ['650000', '新疆维吾尔自治区'],
  ['710000', '台湾省'],
  ['810000', '香港特别行政区'],
  ['820000', '澳门特别行政区'],
];

const ZHEJIANG: ReadonlyArray<readonly [string, string]> = [
  ['330100', '杭州市'],
  ['330102', '上城区'],
  ['330105', '拱墅区'],
  ['330106', '西湖区'],
  ['330108', '滨江区'],
  ['330109', '萧山区'],
  ['330110', '余杭区'],
  ['330111', '富阳区'],
  ['330112', '临安区'],
  ['330113', '临平区'],
  ['330114', '钱塘区'],
  ['330122', '桐庐县'],
  ['330127', '淳安县'],
  ['330182', '建德市'],

  ['330200', '宁波市'],
  ['330203', '海曙区'],
  ['330205', '江北区'],
  ['330206', '北仑区'],
  ['330211', '镇海区'],
  ['330212', '鄞州区'],
  ['330213', '奉化区'],
  ['330225', '象山县'],
  ['330226', '宁海县'],
  ['330281', '余姚市'],
  ['330282', '慈溪市'],

  ['330300', '温州市'],
  ['330302', '鹿城区'],
  ['330303', '龙湾区'],
  ['330304', '瓯海区'],
  ['330305', '洞头区'],
  ['330324', '永嘉县'],
  ['330326', '平阳县'],
  ['330327', '苍南县'],
  ['330328', '文成县'],
  ['330329', '泰顺县'],
  ['330381', '瑞安市'],
  ['330382', '乐清市'],
  ['330383', '龙港市'],

  ['330400', '嘉兴市'],
  ['330402', '南湖区'],
  ['330411', '秀洲区'],
  ['330421', '嘉善县'],
  ['330424', '海盐县'],
  ['330481', '海宁市'],
  ['330482', '平湖市'],
  ['330483', '桐乡市'],

  ['330500', '湖州市'],
  ['330502', '吴兴区'],
  ['330503', '南浔区'],
  ['330521', '德清县'],
  ['330522', '长兴县'],
  ['330523', '安吉县'],

  ['330600', '绍兴市'],
  ['330602', '越城区'],
  ['330603', '柯桥区'],
  ['330604', '上虞区'],
  ['330624', '新昌县'],
  ['330681', '诸暨市'],
  ['330683', '嵊州市'],

  ['330700', '金华市'],
  ['330702', '婺城区'],
  ['330703', '金东区'],
  ['330723', '武义县'],
  ['330726', '浦江县'],
  ['330727', '磐安县'],
  ['330781', '兰溪市'],
  ['330782', '义乌市'],
  ['330783', '东阳市'],
  ['330784', '永康市'],

  ['330800', '衢州市'],
  ['330802', '柯城区'],
  ['330803', '衢江区'],
  ['330822', '常山县'],
  ['330824', '开化县'],
  ['330825', '龙游县'],
  ['330881', '江山市'],

  ['330900', '舟山市'],
  ['330902', '定海区'],
  ['330903', '普陀区'],
  ['330921', '岱山县'],
  ['330922', '嵊泗县'],

  ['331000', '台州市'],
  ['331002', '椒江区'],
  ['331003', '黄岩区'],
  ['331004', '路桥区'],
  ['331022', '三门县'],
  ['331023', '天台县'],
  ['331024', '仙居县'],
  ['331081', '温岭市'],
  ['331082', '临海市'],
  ['331083', '玉环市'],

  ['331100', '丽水市'],
  ['331102', '莲都区'],
  ['331121', '青田县'],
  ['331122', '缙云县'],
  ['331123', '遂昌县'],
  ['331124', '松阳县'],
  ['331125', '云和县'],
  ['331126', '庆元县'],
  ['331127', '景宁畲族自治县'],
  ['331181', '龙泉市'],
];

/** Current codes → official names. */
export const REGION_CODES: ReadonlyMap<string, string> = new Map([...PROVINCES, ...ZHEJIANG]);

export interface RetiredRegionCode {
  name: string;
  /** The current code that took over (most of) the area. */
  replacedBy: string;
  /** Year the State Council approved the change. */
  retiredYear: number;
}

/**
 * Zhejiang codes retired since the USCC was introduced (or shortly before):
 * credit codes issued earlier keep the old region in positions 3-8, so users
 * will type these and need to be told the successor.
 */
export const RETIRED_REGION_CODES: ReadonlyMap<string, RetiredRegionCode> = new Map([
  ['330103', { name: '下城区', replacedBy: '330105', retiredYear: 2021 }],
  // 江干区's 下沙/白杨 streets went to 钱塘区; the rest, the larger part, to 上城区.
  ['330104', { name: '江干区', replacedBy: '330102', retiredYear: 2021 }],
  ['330183', { name: '富阳市', replacedBy: '330111', retiredYear: 2014 }],
  ['330185', { name: '临安市', replacedBy: '330112', retiredYear: 2017 }],
  ['330204', { name: '江东区', replacedBy: '330212', retiredYear: 2016 }],
  ['330283', { name: '奉化市', replacedBy: '330213', retiredYear: 2016 }],
  ['330322', { name: '洞头县', replacedBy: '330305', retiredYear: 2015 }],
  ['330621', { name: '绍兴县', replacedBy: '330603', retiredYear: 2013 }],
  ['330682', { name: '上虞市', replacedBy: '330604', retiredYear: 2013 }],
  ['331021', { name: '玉环县', replacedBy: '331083', retiredYear: 2017 }],
]);

/** True for a current code in {@link REGION_CODES}; retired codes are not "known". */
export function isKnownRegionCode(code: string): boolean {
  return REGION_CODES.has(code);
}

/** Official name of a current code, or undefined (also for retired codes). */
export function regionName(code: string): string | undefined {
  return REGION_CODES.get(code);
}

/**
 * Explains why `code` is not usable as a current region code, or returns
 * undefined if it is. Messages are Chinese with English, and for retired codes
 * name the successor so the user can correct the input.
 */
export function describeRegionCodeProblem(code: string): string | undefined {
  if (!/^\d{6}$/.test(code)) {
    // A malformed value is not repeated (it can be anything up to the request's size); a well-formed
    // one, named below, is 6 digits.
    return `行政区划代码应为 6 位数字，收到 ${code.length} 个字符 (region code must be 6 digits; got ${code.length} characters)`;
  }
  if (REGION_CODES.has(code)) return undefined;

  const retired = RETIRED_REGION_CODES.get(code);
  if (retired !== undefined) {
    const successor = REGION_CODES.get(retired.replacedBy) ?? retired.replacedBy;
    return (
      `${code}（${retired.name}）已于 ${retired.retiredYear} 年撤销，请使用 ${retired.replacedBy}（${successor}） ` +
      `(region code ${code} was retired in ${retired.retiredYear}; use ${retired.replacedBy} instead)`
    );
  }
  return (
    `行政区划代码 ${code} 不在系统收录的区划表中（收录全国省级单位及浙江省全部市、县级单位），请核对 ` +
    `(unknown region code ${code}; only province-level units and Zhejiang cities/counties are supported)`
  );
}

/**
 * True if `code` lies within `ancestor` (or equals it), judged by the GB/T 2260
 * hierarchy in the digits: xx0000 is a province, xxxx00 a prefecture. Works on
 * structure alone, so codes outside {@link REGION_CODES} are handled too.
 */
export function isWithinRegion(code: string, ancestor: string): boolean {
  if (!/^\d{6}$/.test(code) || !/^\d{6}$/.test(ancestor)) return false;
  if (code === ancestor) return true;
  if (ancestor.endsWith('0000')) return ancestor !== '000000' && code.startsWith(ancestor.slice(0, 2));
  if (ancestor.endsWith('00')) return code.startsWith(ancestor.slice(0, 4));
  return false;
}

/**
 * The stem shared by a region and everything under it: trailing "00" pairs stripped, at least two
 * characters kept — 330000 → 33, 330200 → 3302, 330281 → 330281. A stem that prefixes another
 * code's means "inside".
 */
export function regionStem(code: string): string {
  let c = code.trim();
  while (c.length > 2 && c.endsWith('00')) c = c.slice(0, -2);
  return c;
}

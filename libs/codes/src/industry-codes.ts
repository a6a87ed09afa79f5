/**
 * GB/T 4754-2017 门类 and the range of their two-digit 大类 (division) codes, with the
 * manufacturing (C) division names from DOMAIN.md §6.3. A profile's industry code is a 门类
 * letter plus a division (C34), optionally narrowed to 中类/小类 (C348, C3484).
 */
const SECTIONS: Record<string, [number, number, string]> = {
  A: [1, 5, '农、林、牧、渔业'],
  B: [6, 12, '采矿业'],
  C: [13, 43, '制造业'],
  D: [44, 46, '电力、热力、燃气及水生产和供应业'],
  E: [47, 50, '建筑业'],
  F: [51, 52, '批发和零售业'],
  G: [53, 60, '交通运输、仓储和邮政业'],
  H: [61, 62, '住宿和餐饮业'],
  I: [63, 65, '信息传输、软件和信息技术服务业'],
  J: [66, 69, '金融业'],
  K: [70, 70, '房地产业'],
  L: [71, 72, '租赁和商务服务业'],
  M: [73, 75, '科学研究和技术服务业'],
  N: [76, 79, '水利、环境和公共设施管理业'],
  O: [80, 82, '居民服务、修理和其他服务业'],
  P: [83, 83, '教育'],
  Q: [84, 85, '卫生和社会工作'],
  R: [86, 90, '文化、体育和娱乐业'],
  S: [91, 96, '公共管理、社会保障和社会组织'],
  T: [97, 97, '国际组织'],
};

export const MANUFACTURING_DIVISIONS: Record<string, string> = {
  C13: '农副食品加工业', C14: '食品制造业', C15: '酒、饮料和精制茶制造业', C16: '烟草制品业', C17: '纺织业',
  C18: '纺织服装、服饰业', C19: '皮革、毛皮、羽毛及其制品和制鞋业', C20: '木材加工和木、竹、藤、棕、草制品业',
  C21: '家具制造业', C22: '造纸和纸制品业', C23: '印刷和记录媒介复制业', C24: '文教、工美、体育和娱乐用品制造业',
  C25: '石油、煤炭及其他燃料加工业', C26: '化学原料和化学制品制造业', C27: '医药制造业', C28: '化学纤维制造业',
  C29: '橡胶和塑料制品业', C30: '非金属矿物制品业', C31: '黑色金属冶炼和压延加工业', C32: '有色金属冶炼和压延加工业',
  C33: '金属制品业', C34: '通用设备制造业', C35: '专用设备制造业', C36: '汽车制造业',
  C37: '铁路、船舶、航空航天和其他运输设备制造业', C38: '电气机械和器材制造业', C39: '计算机、通信和其他电子设备制造业',
  C40: '仪器仪表制造业', C41: '其他制造业', C42: '废弃资源综合利用业', C43: '金属制品、机械和设备修理业',
};

/** Normalises (trim, upper-case) and explains what is wrong, or returns undefined when valid. */
export function describeIndustryCodeProblem(code: string): string | undefined {
  const m = /^([A-T])(\d{2})(\d{1,2})?$/.exec(code);
  if (!m) {
    // A malformed value is not repeated: it can be anything up to the request's size (a 1 MB value was
    // echoed whole); its length is what the caller needs, and a well-formed code below is at most 5 characters.
    return `行业代码格式不正确：应为门类字母加 2–4 位数字，如 C34 或 C3484，收到 ${code.length} 个字符 (GB/T 4754-2017 code such as C34 or C3484; got ${code.length} characters)`;
  }
  const [lo, hi, name] = SECTIONS[m[1]!]!;
  const division = Number(m[2]);
  if (division < lo || division > hi) {
    const range = `${String(lo).padStart(2, '0')}–${String(hi).padStart(2, '0')}`;
    return `行业代码 "${code}" 不存在：门类 ${m[1]}（${name}）的大类为 ${range} (unknown GB/T 4754 division)`;
  }
  return undefined;
}

export function normalizeIndustryCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Chinese name of the division (C34 → 通用设备制造业) or of the section. */
export function industryName(code: string): string | undefined {
  return MANUFACTURING_DIVISIONS[code.slice(0, 3)] ?? SECTIONS[code[0] ?? '']?.[2];
}

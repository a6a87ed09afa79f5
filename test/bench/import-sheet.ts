/**
 * A realistic bureau cultivation list (培育库名单) as an .xlsx, generated deterministically from a
 * seed: a title row and a note row above the header, Chinese headers and synonyms (所属地区,
 * 企业梯度, 认定时间, 有效发明专利数, …), amounts in 万元 named in the header (营业收入（万元）),
 * real date cells, columns the importer maps (联系人, 联系电话) or ignores (序号, 备注) or reports
 * (法定代表人), one row per enterprise and financial year (1–3 years each, profile columns repeated
 * on every row as bureaus fill them), USCCs with valid check characters, and ~1 % of rows with a
 * mistake a bureau makes (wrong check character, 主营业务收入 above 营业收入, an impossible date).
 */
import ExcelJS from 'exceljs';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { rng } from '../helpers/seeded-random.js';

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
/** A 万元 amount with at most 4 decimals (whole 元), as bureau sheets hold them. */
const wan = (r: Rand, lo: number, hi: number) => Math.round((lo + r() * (hi - lo)) * 10_000) / 10_000;
const cents = (x: number) => Math.round(x * 100) / 100;

const PLACES: Array<[string, string]> = [
  ['330281', '余姚'],
  ['330211', '镇海'],
  ['330212', '鄞州'],
  ['330206', '北仑'],
  ['330282', '慈溪'],
  ['330203', '海曙'],
  ['330205', '江北'],
  ['330213', '奉化'],
  ['330225', '象山'],
  ['330226', '宁海'],
];
const LINES: Array<{ word: string; industry: string; products: string[]; capabilities: string }> = [
  { word: '光电', industry: 'C3976', products: ['红外镜头', '光学模组', '车载摄像头'], capabilities: '非球面光学设计与精密模压，解决车载红外镜头温漂问题' },
  { word: '模具', industry: 'C3525', products: ['汽车注塑模具', '精密冲压模', '压铸模'], capabilities: '大型注塑模具模流分析与随形冷却水路，缩短成型周期' },
  { word: '新材料', industry: 'C2653', products: ['高性能改性塑料', '特种工程塑料'], capabilities: '聚合物共混改性与阻燃配方，替代进口 PA66 材料' },
  { word: '机器人', industry: 'C3491', products: ['协作机器人关节', '工业机器人控制器'], capabilities: '伺服驱动与力控算法，关节模组国产化替代' },
  { word: '轴承', industry: 'C3451', products: ['精密角接触轴承', '机床主轴轴承'], capabilities: '超精研磨与热处理工艺，主轴轴承寿命达进口水平' },
  { word: '传感', industry: 'C4015', products: ['MEMS 压力传感器', '温湿度传感器'], capabilities: 'MEMS 芯片封装与标定，满足车规级可靠性要求' },
  { word: '液压', industry: 'C3444', products: ['液压柱塞泵', '比例阀', '液压马达'], capabilities: '高压柱塞泵配流与降噪设计，替代进口工程机械液压件' },
  { word: '电子', industry: 'C3982', products: ['电子元器件', '磁性器件'], capabilities: '高频磁性材料与绕线工艺，用于新能源汽车 OBC' },
  { word: '智能装备', industry: 'C3484', products: ['伺服压力机', '自动化产线'], capabilities: '机电液一体化控制与产线数字孪生调试' },
  { word: '软件', industry: 'I6513', products: ['工业互联网平台', 'MES 系统'], capabilities: '离散制造排产算法与设备数据采集' },
];
const SYLLABLES = ['瑞', '甬', '恒', '精', '博', '华', '科', '拓', '达', '腾', '创', '盛', '新', '远', '越', '禾', '鑫', '泰', '明', '宏', '东', '海', '信', '诚'];
const SURNAMES = ['王', '李', '张', '陈', '杨', '周', '吴', '徐', '孙', '胡', '朱', '林', '郑', '俞', '应', '邵'];
const GIVEN = ['海燕', '建国', '丽华', '志强', '静', '伟', '敏', '军', '晓东', '雪梅', '国栋', '春燕', '立新', '佳', '磊', '红英'];
/** Tiers as bureaus write them, weighted: 40 % 无, 30 % 创新型, 20 % 专精特新, 8 % 小巨人, 2 % 重点小巨人. */
const TIERS: Array<[string, number]> = [['无', 0.4], ['创新型中小企业', 0.7], ['专精特新中小企业', 0.9], ['专精特新小巨人', 0.98], ['国家级重点小巨人', 1]];
const USCC_BODY = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];

/** The header row: synonyms and units as a bureau's template has them (data columns in the importer's dictionary, and some it does not know). */
export const BUREAU_HEADER = [
  '序号', '企业名称', '统一社会信用代码', '所属地区', '行业代码', '企业梯度', '认定时间', '成立日期', '主营业务起始日期', '主导产品', '核心技术',
  '有效发明专利数', '实用新型专利数', '外观设计专利数', '软件著作权数', '注册商标', '年度', '营业收入（万元）', '主营业务收入（万元）', '研发费用（万元）',
  '净利润（万元）', '资产总额（万元）', '负债总额（万元）', '从业人员数', '研发人员数', '法定代表人', '联系人', '联系电话', '备注',
] as const;

export interface BureauSheet {
  xlsx: Buffer;
  rows: number;
  firms: number;
  /** Rows with a planted mistake (each rejects its whole enterprise). */
  badRows: number;
}

/**
 * `rows` data rows (exactly) for enterprises with 1–3 financial years ending last year (relative to
 * `today`, yyyy-mm-dd). The same seed gives the same workbook contents; different seeds give
 * disjoint USCCs (with overwhelming probability) so two runs each create their enterprises.
 */
export async function bureauSheet(opts: { rows: number; seed: number; today: string }): Promise<BureauSheet> {
  const r = rng(opts.seed);
  const lastYear = Number(opts.today.slice(0, 4)) - 1;
  const book = new ExcelJS.Workbook();
  book.creator = '宁波市经济和信息化局';
  const ws = book.addWorksheet('培育库名单');
  ws.addRow([`${lastYear + 1}年宁波市优质中小企业梯度培育库名单`]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, BUREAU_HEADER.length);
  ws.addRow([`填报单位：各区（县、市）经信局    金额单位：万元    截至 ${opts.today}`]);
  ws.addRow([...BUREAU_HEADER]).font = { bold: true };

  const usccs = new Set<string>();
  let written = 0;
  let firms = 0;
  let badRows = 0;
  while (written < opts.rows) {
    firms += 1;
    const [regionCode, place] = pick(r, PLACES);
    const line = pick(r, LINES);
    let uscc: string;
    do uscc = makeUscc('91', regionCode, Array.from({ length: 8 }, () => pick(r, USCC_BODY)).join(''));
    while (usccs.has(uscc));
    usccs.add(uscc);
    const name = `宁波${place}${pick(r, SYLLABLES)}${pick(r, SYLLABLES)}${line.word}${r() < 0.5 ? '科技' : '股份'}有限公司`;
    const x = r();
    const tier = TIERS.find(([, upTo]) => x < upTo)![0];
    const foundedYear = int(r, 1995, lastYear - 4);
    const founded = new Date(Date.UTC(foundedYear, int(r, 0, 11), int(r, 1, 28)));
    const since = new Date(Date.UTC(foundedYear + int(r, 0, 2), int(r, 0, 11), int(r, 1, 28)));
    const mainBusinessSince = since < founded ? founded : since;
    const certified = tier === '无' ? null : new Date(Date.UTC(int(r, Math.max(foundedYear + 1, lastYear - 4), lastYear), int(r, 0, 11), int(r, 1, 28)));
    const invention = tier === '无' ? int(r, 0, 3) : int(r, 2, 30);
    const contact = `${pick(r, SURNAMES)}${pick(r, GIVEN)}`;
    const phone = r() < 0.6 ? `1${pick(r, ['38', '39', '58', '59', '86', '35'])}${String(int(r, 0, 99_999_999)).padStart(8, '0')}` : `0574-8${String(int(r, 0, 9_999_999)).padStart(7, '0')}`;
    const profile = [
      name,
      uscc,
      regionCode,
      line.industry,
      tier,
      certified,
      founded,
      mainBusinessSince,
      line.products.slice(0, int(r, 1, line.products.length)).join('；'),
      line.capabilities,
      invention,
      int(r, 0, 60),
      int(r, 0, 10),
      int(r, 0, 25),
      int(r, 0, 8),
    ];
    const years = Math.min(opts.rows - written, x < 0.2 ? 1 : x < 0.5 ? 2 : 3);
    let revenue = wan(r, 800, 60_000);
    const employees = int(r, 25, 900);
    // The mistakes a bureau makes, ~1 % of enterprises (each rejects all its rows).
    const mistake = r();
    for (let y = 0; y < years; y++) {
      const year = lastYear - y;
      revenue = y === 0 ? revenue : wan(r, revenue * 0.75, revenue * 1.05);
      const main = Math.round(revenue * (0.85 + r() * 0.15) * 10_000) / 10_000;
      const assets = wan(r, revenue * 0.8, revenue * 2);
      const cells: unknown[] = [
        written + 1,
        ...profile,
        year,
        revenue,
        main,
        wan(r, revenue * 0.02, revenue * 0.09),
        cents(revenue * (r() * 0.2 - 0.05)),
        assets,
        wan(r, assets * 0.2, assets * 0.7),
        employees - y * int(r, 0, 10),
        Math.round(employees * (0.1 + r() * 0.2)),
        `${pick(r, SURNAMES)}${pick(r, GIVEN)}`,
        contact,
        phone,
        r() < 0.1 ? pick(r, ['新增', '复核', '已迁出待核实', '数据来源：企业填报']) : null,
      ];
      if (mistake < 0.004) cells[2] = `${uscc.slice(0, 17)}${USCC_BODY[(USCC_BODY.indexOf(uscc[17]!) + 1) % 31]}`;
      else if (mistake < 0.007 && y === 0) cells[18] = Math.round(revenue * 1.2 * 100) / 100;
      else if (mistake < 0.01 && y === 0) cells[7] = `${foundedYear}-13-01`;
      if (mistake < 0.01) badRows += 1;
      ws.addRow(cells.map((c) => c ?? undefined));
      written += 1;
    }
  }
  for (const c of [6, 7, 8]) ws.getColumn(c + 1).numFmt = 'yyyy-mm-dd';
  return { xlsx: Buffer.from(await book.xlsx.writeBuffer()), rows: written, firms, badRows };
}

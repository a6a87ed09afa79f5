import { describe, it, expect } from '@jest/globals';

import {
  REGION_CODES,
  RETIRED_REGION_CODES,
  describeRegionCodeProblem,
  isKnownRegionCode,
  isWithinRegion,
  regionName,
} from '../../../libs/codes/src/region-codes.js';

const codes = [...REGION_CODES.keys()];

describe('REGION_CODES', () => {
  it('holds all 34 province-level units', () => {
    expect(codes.filter((c) => c.endsWith('0000'))).toHaveLength(34);
  });

  it('uses 6-digit keys and non-empty names throughout', () => {
    for (const [code, name] of REGION_CODES) {
      expect(code).toMatch(/^\d{6}$/);
      expect(name.length).toBeGreaterThan(1);
    }
  });

  it('lists only Zhejiang below province level', () => {
    expect(codes.filter((c) => !c.endsWith('0000') && !c.startsWith('33'))).toEqual([]);
  });

  it('has a parent entry for every Zhejiang county-level code', () => {
    for (const code of codes.filter((c) => c.startsWith('33') && !c.endsWith('00'))) {
      expect(REGION_CODES.has(`${code.slice(0, 4)}00`)).toBe(true);
    }
  });

  it('has 90 county-level units in Zhejiang (37 districts, 20 cities, 33 counties)', () => {
    const counties = codes.filter((c) => c.startsWith('33') && !c.endsWith('00')).map((c) => REGION_CODES.get(c) ?? '');
    expect(counties).toHaveLength(90);
    expect(counties.filter((n) => n.endsWith('区'))).toHaveLength(37);
    expect(counties.filter((n) => n.endsWith('市'))).toHaveLength(20);
    expect(counties.filter((n) => n.endsWith('县'))).toHaveLength(33);
  });

  it.each([
    ['330100', '杭州市', 13],
    ['330200', '宁波市', 10],
    ['330300', '温州市', 12],
    ['330400', '嘉兴市', 7],
    ['330500', '湖州市', 5],
    ['330600', '绍兴市', 6],
    ['330700', '金华市', 9],
    ['330800', '衢州市', 6],
    ['330900', '舟山市', 4],
    ['331000', '台州市', 9],
    ['331100', '丽水市', 9],
  ])('%s %s has %i county-level units', (prefecture, name, count) => {
    expect(regionName(prefecture)).toBe(name);
    const children = codes.filter((c) => c !== prefecture && isWithinRegion(c, prefecture));
    expect(children).toHaveLength(count);
  });

  it.each([
    ['110000', '北京市'],
    ['150000', '内蒙古自治区'],
    ['330000', '浙江省'],
    ['450000', '广西壮族自治区'],
    ['650000', '新疆维吾尔自治区'],
    ['710000', '台湾省'],
    ['810000', '香港特别行政区'],
    ['820000', '澳门特别行政区'],
    ['330102', '上城区'],
    ['330105', '拱墅区'],
    ['330110', '余杭区'],
    ['330113', '临平区'],
    ['330114', '钱塘区'],
    ['330182', '建德市'],
    ['330203', '海曙区'],
    ['330211', '镇海区'],
    ['330212', '鄞州区'],
    ['330213', '奉化区'],
    ['330281', '余姚市'],
    ['330282', '慈溪市'],
    ['330305', '洞头区'],
    ['330383', '龙港市'],
    ['330402', '南湖区'],
    ['330411', '秀洲区'],
    ['330603', '柯桥区'],
    ['330604', '上虞区'],
    ['330782', '义乌市'],
    ['331083', '玉环市'],
    ['331127', '景宁畲族自治县'],
  ])('names %s as %s', (code, name) => {
    expect(isKnownRegionCode(code)).toBe(true);
    expect(regionName(code)).toBe(name);
  });
});

describe('RETIRED_REGION_CODES', () => {
  it.each([...RETIRED_REGION_CODES])('%s is retired and points at a current code', (code, retired) => {
    expect(REGION_CODES.has(code)).toBe(false);
    expect(REGION_CODES.has(retired.replacedBy)).toBe(true);
    expect(isWithinRegion(retired.replacedBy, `${code.slice(0, 4)}00`)).toBe(true);
  });

  it.each([
    ['330283', '奉化市', '330213'],
    ['330204', '江东区', '330212'],
  ])('maps %s %s to %s', (code, name, replacedBy) => {
    expect(RETIRED_REGION_CODES.get(code)).toMatchObject({ name, replacedBy });
  });
});

describe('isKnownRegionCode / regionName', () => {
  it.each([
    ['330283', 'retired'],
    ['330204', 'retired'],
    ['350100', 'outside the supported table'],
    ['330299', 'unassigned'],
    ['33028', 'malformed'],
    ['', 'empty'],
  ])('%s is not known (%s)', (code) => {
    expect(isKnownRegionCode(code)).toBe(false);
    expect(regionName(code)).toBeUndefined();
  });
});

describe('describeRegionCodeProblem', () => {
  it.each([['330000'], ['330200'], ['330281'], ['330211'], ['110000'], ['331181']])('accepts %s', (code) => {
    expect(describeRegionCodeProblem(code)).toBeUndefined();
  });

  it.each([
    ['', '应为 6 位数字'],
    ['33028', 'region code must be 6 digits'],
    ['3302810', '收到 7 个字符'],
    ['33O281', 'must be 6 digits'],
    [' 330281', 'must be 6 digits'],
  ])('rejects malformed %j', (code, fragment) => {
    expect(describeRegionCodeProblem(code)).toContain(fragment);
  });

  it('does not repeat a malformed value, which can be as long as a request (1,000,000 characters)', () => {
    const problem = describeRegionCodeProblem('3'.repeat(1_000_000))!;
    expect(problem).toContain('收到 1000000 个字符');
    expect(problem.length).toBeLessThan(200);
  });

  it.each([
    ['330283', '330283（奉化市）已于 2016 年撤销，请使用 330213（奉化区）'],
    ['330204', '330204（江东区）已于 2016 年撤销，请使用 330212（鄞州区）'],
    ['330103', '330103（下城区）已于 2021 年撤销，请使用 330105（拱墅区）'],
    ['330185', '330185（临安市）已于 2017 年撤销，请使用 330112（临安区）'],
  ])('names the replacement for retired %s', (code, fragment) => {
    const problem = describeRegionCodeProblem(code);
    expect(problem).toContain(fragment);
    expect(problem).toContain(`region code ${code} was retired`);
  });

  it.each([['999999'], ['330299'], ['350100']])('reports unknown %s', (code) => {
    expect(describeRegionCodeProblem(code)).toContain(`行政区划代码 ${code} 不在系统收录的区划表中`);
    expect(describeRegionCodeProblem(code)).toContain(`unknown region code ${code}`);
  });
});

describe('isWithinRegion', () => {
  it.each([
    ['330281', '330200', true],
    ['330281', '330000', true],
    ['330281', '330281', true],
    ['330200', '330200', true],
    ['330200', '330000', true],
    ['330000', '330000', true],
    ['330110', '330100', true],
    ['350102', '350100', true],
    ['330281', '330100', false],
    ['330281', '320000', false],
    ['330200', '330281', false],
    ['330000', '330200', false],
    ['330282', '330281', false],
    ['330281', '000000', false],
    ['33028', '330000', false],
    ['330281', '3302', false],
  ])('isWithinRegion(%s, %s) is %s', (code, ancestor, expected) => {
    expect(isWithinRegion(code, ancestor)).toBe(expected);
  });
});

/**
 * Park vacancies: the firm's space need decides (area range, rent ceiling, acceptable regions);
 * inside it, how central the area and how low the rent, the park's leading industries and how
 * precisely the park lies in the firm's regions. The firm's own district does not matter for
 * space elsewhere.
 */
import type { EnterpriseSide, VacancyListing } from '../match-types.js';
import { PARAMS, WEIGHTS } from '../weights.js';
import { industryLabel, names, num, placeName } from '../reason-text.js';
import { industryCodes, industryFraction, lazyIndustryFit, lazyRegionFit, regionCovered, regionFraction, regionPrefix, type IndustryCodes } from '../region-industry-fit.js';
import { clamp01, exclusion, factor, generalExclusions, maxPointsOf, scoreOfTenths, tenths, type Evaluation, type FirmFacts, type KindModel, type LazyReason, type ScoringFacts } from './factor-kit.js';

const W = WEIGHTS.PARK_VACANCY;
const MAX_POINTS = maxPointsOf(W);

type SpaceNeed = NonNullable<EnterpriseSide['spaceNeed']>;

// ---------------------------------------------------------------------------------------------
// Hard constraints of the space need (the scorer's exclusions and the engine's pre-check)

const areaOutsideNeed = (area: number, need: SpaceNeed): boolean => area < need.minAreaSqm || area > need.maxAreaSqm;
const rentAboveCeiling = (rent: number, ceiling: number | null | undefined): boolean => ceiling != null && rent > ceiling;

// ---------------------------------------------------------------------------------------------
// AREA_FIT: the midpoint of the range earns 1, an edge {@link PARAMS.areaEdgeFraction}.

function areaFraction(area: number, need: SpaceNeed): number {
  const mid = (need.minAreaSqm + need.maxAreaSqm) / 2;
  const half = (need.maxAreaSqm - need.minAreaSqm) / 2;
  return half === 0 ? 1 : 1 - (1 - PARAMS.areaEdgeFraction) * (Math.abs(area - mid) / half);
}

// ---------------------------------------------------------------------------------------------
// RENT: at the ceiling {@link PARAMS.rentAtCeilingFraction}, at half of it or below 1; no ceiling {@link PARAMS.noRentCeilingFraction}.

function rentFraction(rent: number, ceiling: number | null | undefined): number {
  if (ceiling == null) return PARAMS.noRentCeilingFraction;
  return ceiling > 0 ? PARAMS.rentAtCeilingFraction + (1 - PARAMS.rentAtCeilingFraction) * clamp01((ceiling - rent) / (0.5 * ceiling)) : 1;
}

// ---------------------------------------------------------------------------------------------
// The scorer's evaluation

function evaluate(e: EnterpriseSide, l: VacancyListing): Evaluation {
  // The firm's own district does not matter for space elsewhere: region is judged against its space need.
  const { excluded } = generalExclusions(e, l, false);
  const need = e.spaceNeed;
  if (!need) {
    excluded.push(exclusion('VACANCY.NO_SPACE_NEED', () => '企业未填写用地/厂房需求'));
    return { excluded };
  }
  const area = l.areaSqm;
  const areaRange = () => `${num(need.minAreaSqm)}–${num(need.maxAreaSqm)} ㎡`;
  if (areaOutsideNeed(area, need)) excluded.push(exclusion('VACANCY.AREA_OUTSIDE_NEED', () => `面积 ${num(area)} ㎡ 不在需求 ${areaRange()} 内`));
  const ceiling = need.maxRentPerSqmDay;
  if (rentAboveCeiling(l.rentPerSqmDay, ceiling))
    excluded.push(exclusion('VACANCY.RENT_ABOVE_CEILING', () => `租金 ${num(l.rentPerSqmDay)} 元/㎡·天 > 企业上限 ${num(ceiling!)} 元`));
  const region = lazyRegionFit(need.regionCodes, l.parkRegionCode);
  if (!region.ok) excluded.push(exclusion('VACANCY.REGION_NOT_ACCEPTABLE', () => `园区${region.label()}（企业意向区域）`));
  if (excluded.length) return { excluded };
  const raw: LazyReason[] = [];

  raw.push(factor('VACANCY.AREA_FIT', W.AREA_FIT, areaFraction(area, need), () => `面积 ${num(area)} ㎡ 在需求 ${areaRange()} 内`));
  const rent = l.rentPerSqmDay;
  raw.push(
    factor('VACANCY.RENT', W.RENT, rentFraction(rent, ceiling), () =>
      ceiling == null ? `租金 ${num(rent)} 元/㎡·天（企业未设上限）` : `租金 ${num(rent)} 元/㎡·天 ≤ 企业上限 ${num(ceiling)} 元`,
    ),
  );
  const park = lazyIndustryFit(l.parkIndustries, e.industryCode);
  raw.push(
    factor(
      'VACANCY.PARK_INDUSTRY',
      W.PARK_INDUSTRY,
      park.fraction,
      () =>
        l.parkIndustries.length === 0
          ? `园区未限定主导产业（企业行业：${industryLabel(e.industryCode)}）`
          : `园区主导产业 ${names(l.parkIndustries, industryLabel)}：企业${park.label()}`,
    ),
  );
  raw.push(factor('VACANCY.REGION', W.REGION, region.fraction, () => `园区${region.label()}（企业意向区域：${names(need.regionCodes, placeName)}）`));
  return { raw };
}

// ---------------------------------------------------------------------------------------------
// The engine's pre-check and bound (vacancies are few per firm: every factor at its maximum)

interface VacancyFigures {
  area: number;
  rent: number;
  /** Region stem of the park. */
  parkRegion: string;
  industries: IndustryCodes;
  parkIndustries: IndustryCodes;
}

function prepare(l: VacancyListing): VacancyFigures {
  return {
    area: l.areaSqm,
    rent: l.rentPerSqmDay,
    parkRegion: regionPrefix(l.parkRegionCode),
    industries: industryCodes(l.industryCodes),
    parkIndustries: industryCodes(l.parkIndustries),
  };
}

/** Every exclusion of the space need. */
function precheck(x: VacancyFigures, f: FirmFacts): boolean {
  const need = f.e.spaceNeed;
  if (!need) return false;
  if (areaOutsideNeed(x.area, need)) return false;
  if (rentAboveCeiling(x.rent, need.maxRentPerSqmDay)) return false;
  return regionCovered(need.regionCodes, x.parkRegion);
}

/** `evaluate`'s score, label-free: the same exclusions and factors in the same order. */
function score(x: VacancyFigures, f: ScoringFacts): number | null {
  const need = f.e.spaceNeed;
  if (!need || industryFraction(x.industries, f.industry) < 0) return null;
  if (areaOutsideNeed(x.area, need) || rentAboveCeiling(x.rent, need.maxRentPerSqmDay)) return null;
  const region = regionFraction(f.spaceStems, x.parkRegion);
  if (region < 0) return null;
  const park = industryFraction(x.parkIndustries, f.industry);
  let sum = 0;
  sum += tenths(W.AREA_FIT, areaFraction(x.area, need));
  sum += tenths(W.RENT, rentFraction(x.rent, need.maxRentPerSqmDay));
  // A park industry that does not cover the firm is a fit of 0, not an exclusion.
  sum += tenths(W.PARK_INDUSTRY, park < 0 ? 0 : park);
  sum += tenths(W.REGION, region);
  return scoreOfTenths(sum);
}

export const parkVacancyModel: KindModel<VacancyListing, VacancyFigures> = { maxPoints: MAX_POINTS, evaluate, prepare, precheck, bound: () => MAX_POINTS, score };

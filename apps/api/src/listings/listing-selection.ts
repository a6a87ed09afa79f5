/**
 * From a GraphQL selection to the read model's shape (ADR 0040): which listing columns a page or a
 * listing needs, whether the owner and a vacancy's park (with its operator) come in the same
 * statement, whether totalCount is counted. Fields this module does not know (a field added later)
 * make the shape the full one, so a new field is never answered from a column not read.
 */
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import {
  PARK_COLUMNS,
  PUBLIC_ORGANIZATION_COLUMNS,
  type ListingColumn,
  type ListingPageRow,
  type ListingReadShape,
  type ParkField,
  type PublicOrganizationField,
} from '../../../../libs/listings/src/index.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toListingModel } from './listing.mapper.js';
import type { ListingModel, ParkModel, ParkVacancyModel } from './listing.models.js';

/** The columns each Listing field is answered from; [] for fields every row carries or resolved by their own resolvers from those. */
const FIELD_COLUMNS: Readonly<Record<string, readonly ListingColumn[]>> = {
  __typename: [],
  id: [],
  kind: [],
  createdAt: [],
  title: ['title'],
  description: ['description'],
  status: ['status'],
  regionCodes: ['region_codes'],
  industryCodes: ['industry_codes'],
  tags: ['tags'],
  publishedAt: ['published_at'],
  updatedAt: ['updated_at'],
  version: ['version'],
  closedReason: ['closed_reason'],
  closedBy: ['status', 'closed_by_authority'],
  // Field resolvers that need only id, kind and the owner's id (every row has them).
  owner: [],
  reach: [],
  history: [],
  applications: [],
  applicationsConnection: [],
  // ServiceOffering
  category: ['category'],
  priceMin: ['price_min'],
  priceMax: ['price_max'],
  acceptsServiceVoucher: ['accepts_service_voucher'],
  // CreditProduct
  productType: ['product_type'],
  amountMin: ['amount_min'],
  amountMax: ['amount_max'],
  annualRateMin: ['annual_rate_min'],
  annualRateMax: ['annual_rate_max'],
  termMonthsMax: ['term_months_max'],
  eligibility: ['eligible_tiers', 'min_annual_revenue', 'min_invention_patents', 'min_years_in_business', 'max_debt_ratio'],
  rateType: ['rate_type'],
  guaranteeMethods: ['guarantee_methods'],
  pledgeRatioPercent: ['pledge_ratio_percent'],
  partnerInvestor: ['partner_investor'],
  // Challenge
  techField: ['tech_field'],
  requirements: ['requirements'],
  budget: ['budget'],
  applyBy: ['apply_by'],
  ipOwnership: ['ip_ownership'],
  cooperationMode: ['cooperation_mode'],
  completionDeadline: ['completion_deadline'],
  indicators: ['indicators'],
  preferredTiers: ['preferred_tiers'],
  // ParkVacancy (park: its resolver needs park_id, or the park comes joined)
  park: ['park_id'],
  areaSqm: ['area_sqm'],
  floor: ['floor'],
  ceilingHeightM: ['ceiling_height_m'],
  floorLoadKgPerSqm: ['floor_load_kg_per_sqm'],
  rentPerSqmDay: ['rent_per_sqm_day'],
  availableFrom: ['available_from'],
  useClass: ['use_class'],
  tenure: ['tenure'],
  powerCapacityKva: ['power_capacity_kva'],
  minTaxPerMuWan: ['min_tax_per_mu_wan'],
  entryConditions: ['entry_conditions'],
};

/**
 * The fields selected directly under `sets` (through inline fragments and fragment spreads of any
 * type condition; @skip/@include are not evaluated, so a skipped field is read, never missed).
 */
function fieldsOf(sets: ReadonlyArray<SelectionSetNode | undefined>, fragments: GraphQLResolveInfo['fragments']): FieldNode[] {
  const out: FieldNode[] = [];
  const walk = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === 'Field') out.push(s);
      else if (s.kind === 'InlineFragment') walk(s.selectionSet, seen);
      else if (!seen.has(s.name.value)) walk(fragments[s.name.value]?.selectionSet, new Set([...seen, s.name.value]));
    }
  };
  for (const set of sets) walk(set, new Set());
  return out;
}

const children = (fields: FieldNode[], name: string) => fields.filter((f) => f.name.value === name).map((f) => f.selectionSet);

/** The public organization fields selected, or undefined if any other field (a resolver, contact data) is. */
function publicOrganization(fields: FieldNode[]): PublicOrganizationField[] | undefined {
  const names = new Set(fields.map((f) => f.name.value).filter((n) => n !== '__typename'));
  if (![...names].every((n) => n in PUBLIC_ORGANIZATION_COLUMNS)) return undefined;
  return [...names] as PublicOrganizationField[];
}

/** A vacancy's park fields, if all are columns (its `operator` too when public fields only), else undefined. */
function parkShape(fields: FieldNode[], fragments: GraphQLResolveInfo['fragments']): ListingReadShape['park'] {
  const names = new Set(fields.map((f) => f.name.value).filter((n) => n !== '__typename' && n !== 'operator'));
  if (![...names].every((n) => n in PARK_COLUMNS)) return undefined;
  // id and the operator's id always: Park.vacancies and Park.operator resolve from them.
  const parkFields = [...new Set([...names, 'id', 'operatorOrganizationId'])] as ParkField[];
  const operatorSets = children(fields, 'operator');
  const operator = operatorSets.length ? publicOrganization(fieldsOf(operatorSets, fragments)) : undefined;
  return { fields: parkFields, operator: operator?.length ? operator : undefined };
}

/** The read shape of the listing fields selected under `sets` (the `node` of a page, or `listing`). */
export function listingShape(sets: ReadonlyArray<SelectionSetNode | undefined>, fragments: GraphQLResolveInfo['fragments'], totalCount: boolean): ListingReadShape {
  const fields = fieldsOf(sets, fragments);
  const columns = new Set<ListingColumn>();
  for (const f of fields) {
    const wanted = FIELD_COLUMNS[f.name.value];
    if (!wanted) return { columns: 'all', totalCount };
    wanted.forEach((c) => columns.add(c));
  }
  const ownerSets = children(fields, 'owner');
  const parkSets = children(fields, 'park');
  const owner = ownerSets.length ? publicOrganization(fieldsOf(ownerSets, fragments)) : undefined;
  const park = parkSets.length ? parkShape(fieldsOf(parkSets, fragments), fragments) : undefined;
  return { columns: [...columns], owner: owner?.length ? owner : undefined, park, totalCount };
}

/** The shape of a connection (`listings`, `Park.vacancies`): its nodes' fields, and totalCount if selected. */
export function connectionShape(info: GraphQLResolveInfo): ListingReadShape {
  const top = fieldsOf(
    info.fieldNodes.map((f) => f.selectionSet),
    info.fragments,
  );
  const nodes = fieldsOf(children(top, 'edges'), info.fragments);
  return listingShape(children(nodes, 'node'), info.fragments, top.some((f) => f.name.value === 'totalCount'));
}

/** The shape of the listings found along `path` of field names under the resolved field (`['hits', 'listing']`). */
export function nestedShape(info: GraphQLResolveInfo, path: readonly string[]): ListingReadShape {
  let sets: ReadonlyArray<SelectionSetNode | undefined> = info.fieldNodes.map((f) => f.selectionSet);
  for (const name of path) sets = children(fieldsOf(sets, info.fragments), name);
  return listingShape(sets, info.fragments, false);
}

/**
 * The public organization fields selected along `path` under the resolved field (`['edges', 'node', 'enterprise']`):
 * undefined when the field is not selected or any non-column field (a resolver, contact data) is.
 */
export function nestedOrganization(info: GraphQLResolveInfo, path: readonly string[]): PublicOrganizationField[] | undefined {
  let sets: ReadonlyArray<SelectionSetNode | undefined> = info.fieldNodes.map((f) => f.selectionSet);
  for (const name of path) sets = children(fieldsOf(sets, info.fragments), name);
  if (!sets.length) return undefined;
  const fields = publicOrganization(fieldsOf(sets, info.fragments));
  return fields?.length ? fields : undefined;
}

/** The shape of a field returning one listing (`listing(id)`). */
export function singleShape(info: GraphQLResolveInfo): ListingReadShape {
  return listingShape(
    info.fieldNodes.map((f) => f.selectionSet),
    info.fragments,
    false,
  );
}

/** A public organization read in the listing's statement, as the model the loader path builds. */
export const organizationOf = (o: Partial<Record<PublicOrganizationField, unknown>>): OrganizationModel => Object.assign(new OrganizationModel(), o);

/**
 * The GraphQL model of a row read with a shape: the mapper's model (fields not read are
 * undefined and not selected), with the owner and park that came joined. Null if the row's kind
 * details are missing (the full read skips such rows too).
 */
export function toListingModelFromRow(row: ListingPageRow): ListingModel | null {
  if (!row.details) return null;
  const model: ListingModel = toListingModel({ listing: row.listing, details: row.details });
  if (row.owner) model.prefetchedOwner = organizationOf(row.owner);
  if (row.parkRow) {
    const { operator, ...park } = row.parkRow;
    const parkModel = park as unknown as ParkModel;
    if (operator) parkModel.prefetchedOperator = organizationOf(operator);
    (model as ParkVacancyModel).prefetchedPark = parkModel;
  }
  return model;
}

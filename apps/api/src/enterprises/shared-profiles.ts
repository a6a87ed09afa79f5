import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import {
  consentState,
  missingSections,
  type CaseStanding,
  type ConsentService,
  type ConsentStatus,
  type ProfileConsentEntity,
  type ProfileSection,
} from '../../../../libs/enterprises/src/index.js';
import type { ChallengeApplicationService } from '../../../../libs/listings/src/index.js';
import type { MatchRequestService } from '../../../../libs/matching/src/index.js';
import type { AnnualFinancialsModel } from './enterprise.models.js';

/** The services a consent's validity needs: its own row, and where its case stands. */
export interface ConsentSources {
  consents: ConsentService;
  requests: MatchRequestService;
  applications: ChallengeApplicationService;
}

/** Where the cases of `rows` stand (two queries at most, none for standing consents). */
async function standingsOf({ requests, applications }: ConsentSources, rows: readonly ProfileConsentEntity[]): Promise<Map<string, CaseStanding>> {
  const requestIds = rows.flatMap((c) => (c.matchRequestId ? [c.matchRequestId] : []));
  const applicationIds = rows.flatMap((c) => (c.challengeApplicationId ? [c.challengeApplicationId] : []));
  const [a, b] = await Promise.all([requests.caseStandings(requestIds), applications.caseStandings(applicationIds)]);
  return new Map([...a, ...b]);
}

/** Status and end of each consent of `rows` at `now` (ADR 0035). */
export async function consentStates(sources: ConsentSources, rows: readonly ProfileConsentEntity[], now: Date): Promise<Map<string, { status: ConsentStatus; endsAt: Date }>> {
  const standings = await standingsOf(sources, rows);
  return new Map(rows.map((c) => [c.id, consentState(c, standings.get(c.matchRequestId ?? c.challengeApplicationId ?? '') ?? null, now)]));
}

/**
 * The consents each of `enterpriseIds` has given `granteeId` that are ACTIVE now (newest first):
 * not revoked, not expired, their case (if any) not ended. The one grant behind `enterpriseProfile`
 * and the profiles and figures of `leads`; three queries at most whatever the number of firms.
 */
export async function activeConsents(sources: ConsentSources, granteeId: string, enterpriseIds: readonly string[]): Promise<Map<string, ProfileConsentEntity[]>> {
  const now = sources.consents.now();
  const candidates = await sources.consents.candidates(granteeId, enterpriseIds, now);
  const states = await consentStates(sources, candidates, now);
  const out = new Map<string, ProfileConsentEntity[]>();
  for (const c of candidates) {
    if (states.get(c.id)?.status !== 'ACTIVE') continue;
    out.set(c.grantorOrganizationId, [...(out.get(c.grantorOrganizationId) ?? []), c]);
  }
  return out;
}

/** The newest of `consents` whose scope covers every section in `asked`; null when none does. */
export function consentCovering(consents: readonly ProfileConsentEntity[] | undefined, asked: Iterable<ProfileSection>): ProfileConsentEntity | null {
  const wanted = [...asked];
  return consents?.find((c) => missingSections(wanted, c.sections).length === 0) ?? null;
}

/** The financial years a consent shows: its snapshot, newest first. */
export function snapshotFinancials(consent: ProfileConsentEntity): AnnualFinancialsModel[] {
  return [...consent.financialsSnapshot].sort((a, b) => b.year - a.year).map((y) => ({ ...y }));
}

/**
 * Which section each field of `EnterpriseProfile` belongs to; fields not listed (organization,
 * version, updatedAt, __typename) say nothing about the firm beyond its existence.
 */
const FIELD_SECTIONS: Readonly<Record<string, ProfileSection>> = {
  tier: 'BASIC',
  industryCode: 'BASIC',
  industryName: 'BASIC',
  tierCertifiedOn: 'BASIC',
  tierExpiresOn: 'BASIC',
  tierReviewPendingUntil: 'BASIC',
  tierStatus: 'BASIC',
  tierStatusText: 'BASIC',
  tierProvenance: 'BASIC',
  tierProvenanceText: 'BASIC',
  tierCounted: 'BASIC',
  tierProvenanceAt: 'BASIC',
  tierProvenanceBy: 'BASIC',
  tierRejectionReason: 'BASIC',
  foundedOn: 'BASIC',
  mainBusinessSince: 'BASIC',
  mainProducts: 'BASIC',
  capabilities: 'BASIC',
  certifications: 'BASIC',
  financials: 'FINANCIALS',
  ipAssets: 'IP',
  assessments: 'TIER_ASSESSMENTS',
  tierFacts: 'TIER_ASSESSMENTS',
  reviewRisk: 'TIER_ASSESSMENTS',
  financingNeed: 'NEEDS',
  serviceNeeds: 'NEEDS',
  spaceNeed: 'NEEDS',
};
const NO_SECTION = new Set(['organization', 'version', 'updatedAt', '__typename']);

/** The fields selected directly in `set` (fragments and inline fragments flattened), by name. */
function selectedFields(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, into: FieldNode[] = []): FieldNode[] {
  for (const sel of set?.selections ?? []) {
    if (sel.kind === 'Field') into.push(sel);
    else if (sel.kind === 'InlineFragment') selectedFields(sel.selectionSet, fragments, into);
    else selectedFields(fragments[sel.name.value]?.selectionSet, fragments, into);
  }
  return into;
}

/** The sections a selection of `EnterpriseProfile` fields reads; an unknown field counts as BASIC. */
export function sectionsOfSelection(sets: readonly (SelectionSetNode | undefined)[], info: GraphQLResolveInfo): Set<ProfileSection> {
  const out = new Set<ProfileSection>();
  for (const set of sets) {
    for (const f of selectedFields(set, info.fragments)) {
      if (NO_SECTION.has(f.name.value)) continue;
      out.add(FIELD_SECTIONS[f.name.value] ?? 'BASIC');
    }
  }
  return out;
}

/** The profile sections the current field (`enterpriseProfile`) asks for. */
export function askedProfileSections(info: GraphQLResolveInfo): Set<ProfileSection> {
  return sectionsOfSelection(info.fieldNodes.map((n) => n.selectionSet), info);
}

/**
 * The selection sets of sub-field `name` of the current field (e.g. `profile` under `leads`), or of a
 * path of sub-fields (`['edges', 'node', 'profile']` under `leadsConnection`).
 */
export function subSelections(info: GraphQLResolveInfo, name: string | readonly string[]): { selected: boolean; sets: (SelectionSetNode | undefined)[] } {
  let sets: (SelectionSetNode | undefined)[] = info.fieldNodes.map((n) => n.selectionSet);
  for (const step of typeof name === 'string' ? [name] : name) {
    sets = sets.flatMap((set) => selectedFields(set, info.fragments).filter((f) => f.name.value === step).map((f) => f.selectionSet));
  }
  return { selected: sets.length > 0, sets };
}

/**
 * Consent to read an enterprise's profile (issue 18, ADR 0035): what a grant may cover and how long
 * it lasts. Pure: no framework, no database.
 */

/** The sections of a profile a consent covers; every protected field of `EnterpriseProfile` is in one. */
export const PROFILE_SECTIONS = ['BASIC', 'FINANCIALS', 'IP', 'TIER_ASSESSMENTS', 'NEEDS'] as const;
export type ProfileSection = (typeof PROFILE_SECTIONS)[number];

export const PROFILE_SECTION_LABELS: Record<ProfileSection, string> = {
  BASIC: '基本信息',
  FINANCIALS: '财务数据',
  IP: '知识产权',
  TIER_ASSESSMENTS: '梯度评估',
  NEEDS: '需求',
};

/** What a consent was given for: one match request, one 揭榜 application, or standing (no case). */
export const CONSENT_PURPOSES = ['MATCH_REQUEST', 'CHALLENGE_APPLICATION', 'STANDING'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** ACTIVE: it opens the profile now. ENDED: its case was declined, cancelled, withdrawn or rejected, or decided more than 90 days ago. */
export const CONSENT_STATUSES = ['ACTIVE', 'REVOKED', 'EXPIRED', 'ENDED'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** A consent lasts at most this long from its start. */
export const CONSENT_MAX_DAYS = 365;
/** A case consent ends this long after its case was decided (a credit decision recorded, completed, a 揭榜 application accepted). */
export const CONSENT_AFTER_DECISION_DAYS = 90;
export const DAY_MS = 86_400_000;

/** Where the consent's case stands, for case consents: open, decided at a time, or ended without a decision that needs the data. */
export type CaseStanding = { readonly state: 'OPEN' } | { readonly state: 'DECIDED'; readonly decidedAt: Date } | { readonly state: 'ENDED'; readonly endedAt: Date };

export interface ConsentTerms {
  readonly purpose: ConsentPurpose;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

/**
 * Whether a consent opens the profile at `now`, and when it ends (or ended). A case consent ends with
 * its case (declined, cancelled, withdrawn, rejected: at once; decided: 90 days later), and never after
 * its own expiry; a case not found counts as ended.
 */
export function consentState(c: ConsentTerms, standing: CaseStanding | null, now: Date): { status: ConsentStatus; endsAt: Date } {
  let endsAt = c.expiresAt;
  let endedByCase = false;
  if (c.purpose !== 'STANDING') {
    const s = standing ?? { state: 'ENDED', endedAt: new Date(0) };
    const caseEnd = s.state === 'DECIDED' ? new Date(s.decidedAt.getTime() + CONSENT_AFTER_DECISION_DAYS * DAY_MS) : s.state === 'ENDED' ? s.endedAt : null;
    if (caseEnd && caseEnd < endsAt) {
      endsAt = caseEnd;
      endedByCase = true;
    }
  }
  // Whichever came first says why it ended: a revocation after the consent had already ended changes nothing.
  if (c.revokedAt && c.revokedAt <= now && c.revokedAt < endsAt) return { status: 'REVOKED', endsAt: c.revokedAt };
  if (endsAt <= now) return { status: endedByCase ? 'ENDED' : 'EXPIRED', endsAt };
  return { status: 'ACTIVE', endsAt };
}

/** Sections asked for that a consent's scope leaves out (empty: covered). */
export function missingSections(asked: Iterable<ProfileSection>, granted: readonly ProfileSection[]): ProfileSection[] {
  return [...new Set(asked)].filter((s) => !granted.includes(s));
}

export const sectionNames = (sections: readonly ProfileSection[]) => sections.map((s) => `${PROFILE_SECTION_LABELS[s]}（${s}）`).join('、');
/** The sections by name only, for notices and timelines people read (基本信息、知识产权). */
export const sectionLabels = (sections: readonly ProfileSection[]) => sections.map((s) => PROFILE_SECTION_LABELS[s]).join('、');

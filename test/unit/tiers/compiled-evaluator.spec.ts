/**
 * ADR 0044: the compiled evaluator returns exactly what the evaluator returned before it was
 * compiled. The corpus (test/fixtures/tier-verdict-corpus.ts) was evaluated by the former evaluator
 * under both rule sets and both modes; its digests (of the exact JSON, key order included) are in
 * test/fixtures/tier-verdict-digests.json.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { EVALUATOR_VERSION, RULE_SETS, evaluateTier, evaluateTiers, type TierOutcome } from '../../../libs/tiers/src/index.js';
import { CORPUS_FIRMS, corpusOptions, verdictCorpus, verdictDigest } from '../../fixtures/tier-verdict-corpus.js';

const recorded = JSON.parse(readFileSync(new URL('../../fixtures/tier-verdict-digests.json', import.meta.url), 'utf8')) as {
  evaluatorVersion: string;
  firms: number;
  digests: string[];
};
const firms = verdictCorpus();
const RULE_SET_IDS = ['MIIT-2022', 'MIIT-2026'] as const;
const MODES = ['NEW', 'REVIEW'] as const;
const verdictsOf = (i: number): TierOutcome[][] =>
  RULE_SET_IDS.flatMap((id) => MODES.map((mode) => evaluateTiers(RULE_SETS[id]!, firms[i]!.facts, corpusOptions(firms[i]!, mode))));

describe('compiled tier evaluator (ADR 0044)', () => {
  it('was recorded for this corpus and evaluator version', () => {
    expect([recorded.firms, recorded.digests.length, recorded.evaluatorVersion]).toEqual([CORPUS_FIRMS, CORPUS_FIRMS, EVALUATOR_VERSION]);
  });

  it('returns the recorded verdicts for every firm, rule set and mode, byte for byte', () => {
    const differing: number[] = [];
    for (let i = 0; i < firms.length; i++) if (verdictDigest(verdictsOf(i)) !== recorded.digests[i]) differing.push(i);
    // On failure: check out the commit before ADR 0044, build, and compare these firms' outcomes.
    expect(differing.slice(0, 20)).toEqual([]);
  });

  it('gives the same outcome tier by tier as for the whole rule set (readings shared between tiers)', () => {
    for (const i of [0, 1, 2, 3, 4, 5, 6, 7]) {
      for (const id of RULE_SET_IDS) {
        const ruleSet = RULE_SETS[id]!;
        const options = corpusOptions(firms[i]!, 'REVIEW');
        expect(ruleSet.tiers.map((tier) => evaluateTier(ruleSet, tier, firms[i]!.facts, options))).toEqual(evaluateTiers(ruleSet, firms[i]!.facts, options));
      }
    }
  });

  it('covers every verdict of every tier and every criterion status (so the comparison means something)', () => {
    const verdicts = new Set<string>();
    const statuses = new Set<string>();
    const codes = new Set<string>();
    for (let i = 0; i < firms.length; i++) {
      for (const outcomes of verdictsOf(i)) {
        for (const o of outcomes) {
          verdicts.add(`${o.ruleSet} ${o.tier} ${o.verdict}`);
          for (const c of o.criteria) {
            statuses.add(c.status);
            codes.add(`${c.code} ${c.status}`);
          }
        }
      }
    }
    const expected = RULE_SET_IDS.flatMap((id) =>
      RULE_SETS[id]!.tiers.flatMap((t) => ['ELIGIBLE', 'NOT_ELIGIBLE', 'UNDETERMINED'].map((v) => `${id} ${t.tier} ${v}`)),
    );
    expect(expected.filter((v) => !verdicts.has(v))).toEqual([]);
    expect([...statuses].sort()).toEqual(['MET', 'PENDING', 'UNKNOWN', 'UNMET']);
    // Met and not met at least once, for every criterion of every tier.
    const criterionCodes = [...new Set([...codes].map((c) => c.split(' ')[0]!))];
    expect(criterionCodes.filter((c) => !codes.has(`${c} MET`) || !(codes.has(`${c} UNMET`) || codes.has(`${c} UNKNOWN`) || codes.has(`${c} PENDING`)))).toEqual([]);
  });
});

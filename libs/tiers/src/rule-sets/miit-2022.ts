/** MIIT-2022: 《优质中小企业梯度培育管理暂行办法》(工信部企业〔2022〕63号) Annexes 1–3. */
import type { RuleSet } from '../rule-types.js';
import { BOUNDARY_NOTE } from './common.js';
import { INNOVATIVE_SME_2022 } from './miit-2022-innovative.js';
import { LITTLE_GIANT_2022 } from './miit-2022-little-giant.js';
import { SPECIALIZED_SME_2022 } from './miit-2022-specialized.js';

export const MIIT_2022: RuleSet = {
  id: 'MIIT-2022',
  version: '1.0.0',
  title: '优质中小企业梯度培育管理暂行办法（工信部企业〔2022〕63号）附件1–3',
  effectiveFrom: '2022-06-01',
  boundaryNote: BOUNDARY_NOTE,
  tiers: [INNOVATIVE_SME_2022, SPECIALIZED_SME_2022, LITTLE_GIANT_2022],
};

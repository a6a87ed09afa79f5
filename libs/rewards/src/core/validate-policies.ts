/**
 * Checks of a policy set before it is used or published (pure): each problem names the policy, the
 * field and what is wrong, in Chinese then English. An empty list means the set is usable.
 */
import { describeRegionCodeProblem } from '../../../codes/src/index.js';
import { MAX_AMOUNT, formatYuan } from './money.js';
import { BASE_IDS, type Policy, type PolicySet } from './policy-types.js';

export interface PolicyProblem {
  policyId: string;
  /** The policy field at fault, e.g. `validTo`, `formula.base`. */
  field: string;
  message: string;
}

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TITLE_TIERS = ['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT', 'KEY_LITTLE_GIANT'];

const amountOk = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_AMOUNT;
const bpOk = (n: unknown, min = 1, max = 10_000): n is number => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

/** Problems of one policy on its own; `ids` are the set's policy ids (for MATCH_PAID references). */
export function policyProblems(p: Policy, ids: ReadonlySet<string>): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const bad = (field: string, message: string) => out.push({ policyId: p.id, field, message });
  const name = p.name || p.id;
  if (!/^[A-Z0-9][A-Z0-9-]{1,63}$/.test(p.id ?? '')) bad('id', '政策编号须为 2–64 位大写字母、数字或连字符 (policy id must be 2–64 of A-Z, 0-9, -)');
  if (!p.name || p.name.length > 100) bad('name', '政策名称须为 1–100 个字符 (name must be 1–100 characters)');
  if (!p.issuer || p.issuer.length > 100) bad('issuer', '发文单位须为 1–100 个字符 (issuer must be 1–100 characters)');
  if (!ISO_DAY.test(p.validFrom ?? '')) bad('validFrom', `“${name}”的起始日期须为 YYYY-MM-DD (validFrom must be an ISO date)`);
  if (p.validTo !== undefined && !ISO_DAY.test(p.validTo)) bad('validTo', `“${name}”的截止日期须为 YYYY-MM-DD (validTo must be an ISO date)`);
  else if (p.validTo !== undefined && p.validTo < p.validFrom) {
    bad('validTo', `“${name}”的截止日期 ${p.validTo} 早于起始日期 ${p.validFrom} (validity ends before it starts)`);
  }
  if (!p.disabled && p.regionCodes.length === 0) bad('regionCodes', `“${name}”未配置适用区划，须配置后才能启用 (an enabled policy needs at least one region)`);
  for (const c of p.regionCodes) {
    const problem = describeRegionCodeProblem(c);
    if (problem) bad('regionCodes', problem);
  }
  const t = p.trigger;
  if (t.kind === 'TITLE_FIRST_CONFIRMED' && (t.tiers.length === 0 || t.tiers.some((x) => !TITLE_TIERS.includes(x)))) {
    bad('trigger.tiers', `“${name}”的触发称号须为创新型、专精特新、小巨人或重点小巨人中的至少一个 (trigger tiers must be titles)`);
  }
  if (t.kind === 'SERVICE_PROVIDER_SELECTED' && p.beneficiary !== 'SERVICE_PROVIDER') bad('beneficiary', `“${name}”按优质服务机构评选发放，受益方须为服务机构 (a selection policy pays service providers)`);
  if (t.kind !== 'SERVICE_PROVIDER_SELECTED' && p.beneficiary !== 'ENTERPRISE') bad('beneficiary', `“${name}”按称号或揭榜发放，受益方须为企业 (title and 揭榜 policies pay enterprises)`);
  const f = p.formula;
  switch (f.kind) {
    case 'FIXED':
      if (!amountOk(f.amount) || f.amount === 0) bad('formula.amount', `“${name}”的定额须为 1 至 ${formatYuan(MAX_AMOUNT)} 的整数元 (amount must be whole 元 within range)`);
      break;
    case 'SHARE': {
      if (!BASE_IDS.includes(f.base)) {
        bad('formula.base', `“${name}”引用了未知的计算基数 ${String(f.base).slice(0, 40)}；可选：揭榜项目实际研发投入（CHALLENGE_RD_ACTUAL）、揭榜项目科技投入（CHALLENGE_INVESTMENT）、优质服务机构核定奖励（SELECTION_AWARD）(unknown base)`);
      } else if (f.base === 'SELECTION_AWARD' ? t.kind !== 'SERVICE_PROVIDER_SELECTED' : t.kind !== 'CHALLENGE_ACCEPTED') {
        bad('formula.base', `“${name}”的计算基数与触发条件不符：揭榜项目的投入只能用于揭榜立项触发，核定奖励只能用于优质服务机构评选 (base does not fit the trigger)`);
      }
      if (!bpOk(f.shareBp)) bad('formula.shareBp', `“${name}”的比例须为 1–10000 个基点（0.01%–100%）(shareBp must be 1–10000)`);
      if (!amountOk(f.cap) || f.cap === 0) bad('formula.cap', `“${name}”的上限须为 1 至 ${formatYuan(MAX_AMOUNT)} 的整数元 (cap must be whole 元 within range)`);
      break;
    }
    case 'MATCH_PAID':
      if (!Number.isInteger(f.numerator) || !Number.isInteger(f.denominator) || f.numerator < 1 || f.denominator < 1 || f.numerator > 100 || f.denominator > 100) {
        bad('formula.numerator', `“${name}”的配套比例须为 1–100 的整数之比 (matching ratio must be integers 1–100)`);
      }
      if (f.cap !== undefined && !amountOk(f.cap)) bad('formula.cap', `“${name}”的上限须为整数元 (cap must be whole 元)`);
      for (const id of f.policyIds ?? []) {
        if (id === p.id) bad('formula.policyIds', `“${name}”不能配套自身 (a policy cannot match itself)`);
        else if (!ids.has(id)) bad('formula.policyIds', `“${name}”配套的政策 ${id.slice(0, 64)} 不存在 (matched policy unknown)`);
      }
      if (t.kind !== 'TITLE_FIRST_CONFIRMED') bad('formula', `“${name}”的配套只适用于称号奖励 (matching applies to title rewards)`);
      break;
    default:
      bad('formula', `“${name}”的计算方式未知 (unknown formula kind)`);
  }
  if (p.tranches) {
    if (f.kind !== 'SHARE' || f.base !== 'CHALLENGE_INVESTMENT') bad('tranches', `“${name}”只有按揭榜项目科技投入计算时才能分期拨付 (tranches need a CHALLENGE_INVESTMENT share)`);
    if (!bpOk(p.tranches.firstShareBp, 1, 9_999)) bad('tranches.firstShareBp', `“${name}”的首期比例须为 1–9999 个基点 (first tranche share must be 1–9999 bp)`);
  }
  if (p.groupCap !== undefined && (!amountOk(p.groupCap) || !p.stackingGroup)) bad('groupCap', `“${name}”的同组上限须为整数元且须属于一个就高不重复组 (groupCap needs a stacking group and whole 元)`);
  return out;
}

function overlaps(a: Policy, b: Policy): boolean {
  const aEnd = a.validTo ?? '9999-12-31';
  const bEnd = b.validTo ?? '9999-12-31';
  return a.validFrom <= bEnd && b.validFrom <= aEnd;
}

/** Every problem of a set: each policy's, duplicate ids, and contradictory caps within a stacking group. */
export function policySetProblems(set: PolicySet): PolicyProblem[] {
  const ids = new Set<string>();
  const out: PolicyProblem[] = [];
  for (const p of set.policies) {
    if (ids.has(p.id)) out.push({ policyId: p.id, field: 'id', message: `政策编号 ${p.id} 重复 (duplicate policy id)` });
    ids.add(p.id);
  }
  for (const p of set.policies) out.push(...policyProblems(p, ids));
  const groups = new Map<string, Policy[]>();
  for (const p of set.policies) if (p.stackingGroup) groups.set(p.stackingGroup, [...(groups.get(p.stackingGroup) ?? []), p]);
  for (const [group, members] of groups) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i]!;
        const b = members[j]!;
        if (!overlaps(a, b)) continue;
        if ((a.groupCap ?? null) !== (b.groupCap ?? null) && a.groupCap !== undefined && b.groupCap !== undefined) {
          out.push({
            policyId: b.id,
            field: 'groupCap',
            message: `就高不重复组 ${group} 中“${a.name}”与“${b.name}”有效期重叠，但同组上限不一致（${formatYuan(a.groupCap)} 与 ${formatYuan(b.groupCap)}）(contradictory caps in one stacking group)`,
          });
        }
        if (a.beneficiary !== b.beneficiary) {
          out.push({ policyId: b.id, field: 'stackingGroup', message: `就高不重复组 ${group} 中的政策受益方须一致 (one stacking group pays one kind of organization)` });
        }
      }
    }
  }
  return out;
}

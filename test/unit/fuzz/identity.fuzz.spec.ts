import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { makeUscc, normalizeUscc, usccCheckChar, validateUscc } from '../../../libs/identity/src/uscc/uscc.js';
import { REGION_CODES, RETIRED_REGION_CODES, describeRegionCodeProblem } from '../../../libs/codes/src/region-codes.js';
import { validateRegistration, type RegisterCommand } from '../../../libs/identity/src/identity.service.js';
import { ORGANIZATION_KINDS } from '../../../libs/identity/src/organizations/organization-kind.js';
import { MIN_PASSWORD_LENGTH } from '../../../libs/identity/src/auth/password-hasher.js';
import { anyRegion, check, hostileString, knownRegion, rejects, valueOrBadInput } from './fuzz-kit.js';

/** USCC, region codes and registration under fuzzing (issue 8). */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 登记管理部门 + 机构类别 pairs of the 12-authority table in uscc.ts. */
const PREFIXES = Object.entries({ 1: '1239', 2: '19', 3: '123459', 4: '19', 5: '1239', 6: '129', 7: '129', 8: '19', 9: '123', A: '19', N: '1239', Y: '1' }).flatMap(([a, cats]) =>
  [...cats].map((c) => a + c),
);
const uscc = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.stringMatching(/^\d{6}$/), fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 8, maxLength: 8 }))
  .map(([p, r, body]) => makeUscc(p, r, body));
const otherChar = (c: string) => fc.oneof(fc.constantFrom(...ALPHABET), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), fc.constantFrom('I', 'O', 'Z', 'S', 'V', 'a', ' ')).filter((x) => x !== c);

describe('USCC (fuzz)', () => {
  it('every code built by makeUscc is valid, and normalizeUscc of a lower-cased, padded copy restores it', () => {
    check(
      fc.property(uscc, fc.constantFrom('', ' ', '\t', '\u3000'), (code, pad) => {
        expect(code).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
        expect(validateUscc(code)).toEqual({ ok: true });
        expect(normalizeUscc(pad + code.toLowerCase() + pad)).toBe(code);
      }),
      500,
    );
  });

  // Weights 3^(i−1) mod 31 are all non-zero mod the prime 31, so changing one of the first 17
  // characters to another alphabet symbol always changes the check character: a single
  // substitution is never "still valid by luck". Adjacent weights differ, so swapping two
  // different adjacent characters is detected as well.
  it('the check character alone detects every single substitution among the first 17 characters', () => {
    check(
      fc.property(uscc, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 30 }), (code, i, shift) => {
        const c = ALPHABET[(ALPHABET.indexOf(code[i]!) + shift) % 31]!;
        const mutated17 = code.slice(0, i) + c + code.slice(i + 1, 17);
        expect(usccCheckChar(mutated17)).not.toBe(code[17]);
      }),
      500,
    );
  });

  it('validateUscc rejects every single-character substitution of a valid code, with a reason', () => {
    check(
      fc.property(uscc, fc.integer({ min: 0, max: 17 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), (code, i, ch) => {
        fc.pre(ch !== code[i]);
        const r = validateUscc(code.slice(0, i) + ch + code.slice(i + 1));
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
      }),
      500,
    );
    check(
      fc.property(uscc.chain((code) => fc.tuple(fc.constant(code), fc.integer({ min: 0, max: 17 }).chain((i) => fc.tuple(fc.constant(i), otherChar(code[i]!))))), ([code, [i, ch]]) => {
        expect(validateUscc(code.slice(0, i) + ch + code.slice(i + 1)).ok).toBe(false);
      }),
      500,
    );
  });

  it('validateUscc rejects swapping two different adjacent characters', () => {
    check(
      fc.property(uscc, fc.integer({ min: 0, max: 16 }), (code, i) => {
        fc.pre(code[i] !== code[i + 1]);
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(validateUscc(swapped).ok).toBe(false);
      }),
      500,
    );
  });

  it('arbitrary strings never throw: validateUscc returns ok or a non-empty reason', () => {
    check(
      fc.property(fc.oneof(hostileString(30), fc.string({ unit: fc.constantFrom(...ALPHABET, 'a', 'I', ' ', '😀'), minLength: 16, maxLength: 20 })), (s) => {
        const r = validateUscc(s);
        if (!r.ok) expect(r.reason.trim().length).toBeGreaterThan(0);
        else expect(s).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
      }),
      500,
    );
    expect(validateUscc('9'.repeat(1_000_000)).ok).toBe(false);
  });
});

describe('describeRegionCodeProblem (fuzz)', () => {
  it('known codes have no problem; retired codes name their successor; anything else gets a reason', () => {
    check(
      fc.property(fc.oneof(knownRegion, fc.constantFrom(...RETIRED_REGION_CODES.keys()), fc.stringMatching(/^\d{6}$/), hostileString(12)), (code) => {
        const problem = describeRegionCodeProblem(code);
        if (REGION_CODES.has(code)) expect(problem).toBeUndefined();
        else {
          expect(typeof problem).toBe('string');
          expect(problem!.length).toBeGreaterThan(0);
          const retired = RETIRED_REGION_CODES.get(code);
          if (retired) expect(problem).toContain(retired.replacedBy);
        }
      }),
      500,
    );
  });

  it('the successor of every retired code is itself a known code', () => {
    for (const r of RETIRED_REGION_CODES.values()) expect(describeRegionCodeProblem(r.replacedBy)).toBeUndefined();
  });
});

describe('validateRegistration (fuzz)', () => {
  const kinds = ORGANIZATION_KINDS.filter((k) => k !== 'AUTHORITY');
  const valid = fc.record({
    email: fc.emailAddress().filter((e) => e.length <= 254),
    password: fc.string({ unit: 'grapheme', minLength: MIN_PASSWORD_LENGTH, maxLength: 200 }).filter((p) => p.length >= MIN_PASSWORD_LENGTH && p.length <= 1024),
    displayName: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).filter((s) => s.trim().length >= 1 && s.trim().length <= 100),
    organization: fc.record({
      kind: fc.constantFrom(...kinds),
      name: fc.string({ unit: 'grapheme', minLength: 2, maxLength: 80 }).filter((s) => s.trim().length >= 2 && s.trim().length <= 200),
      uscc: uscc.map((u) => ` ${u.toLowerCase()} `),
      regionCode: knownRegion.map((r) => ` ${r}`),
    }),
  }) as fc.Arbitrary<RegisterCommand>;

  it('accepts valid registrations and normalises email, names, USCC and region', () => {
    check(
      fc.property(valid, (cmd) => {
        const out = validateRegistration(cmd);
        expect(out.email).toBe(cmd.email.trim().toLowerCase());
        expect(out.password).toBe(cmd.password);
        expect(out.displayName).toBe(cmd.displayName.trim());
        expect(out.organization).toEqual({ kind: cmd.organization.kind, name: cmd.organization.name.trim(), uscc: cmd.organization.uscc.trim().toUpperCase(), regionCode: cmd.organization.regionCode.trim() });
      }),
      300,
    );
  });

  it('hostile strings in any field: a command or BAD_USER_INPUT naming the field', () => {
    const sometimes = <T>(v: T, junk: fc.Arbitrary<unknown>) => fc.oneof({ weight: 1, arbitrary: fc.constant(v) }, { weight: 1, arbitrary: junk });
    const base: RegisterCommand = { email: 'a@b.cn', password: 'correct horse battery', displayName: '张三', organization: { kind: 'ENTERPRISE', name: '宁波某某科技有限公司', uscc: makeUscc('91', '330281', 'MA2AB3C4'), regionCode: '330281' } };
    check(
      fc.property(
        fc.record({
          email: sometimes(base.email, hostileString(300)),
          password: sometimes(base.password, hostileString(1100)),
          displayName: sometimes(base.displayName, hostileString(120)),
          organization: fc.record({
            kind: sometimes(base.organization.kind, fc.oneof(fc.constantFrom(...ORGANIZATION_KINDS), hostileString())),
            name: sometimes(base.organization.name, hostileString(220)),
            uscc: sometimes(base.organization.uscc, hostileString(20)),
            regionCode: sometimes(base.organization.regionCode, anyRegion),
          }),
        }),
        (cmd) => {
          const r = valueOrBadInput(() => validateRegistration(cmd as RegisterCommand));
          if (r.ok) {
            expect(r.value.email).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
            expect(r.value.organization.kind).not.toBe('AUTHORITY');
            expect(validateUscc(r.value.organization.uscc).ok).toBe(true);
            expect(describeRegionCodeProblem(r.value.organization.regionCode)).toBeUndefined();
          } else expect(r.error.details.field).toMatch(/^input\.(email|password|displayName|organization\.(kind|name|uscc|regionCode))$/);
        },
      ),
      400,
    );
  });

  it('a single invalid field is rejected naming that field', () => {
    const base = (): RegisterCommand => ({ email: 'a@b.cn', password: 'correct horse battery', displayName: '张三', organization: { kind: 'BANK', name: '某银行宁波分行', uscc: makeUscc('91', '330200', '12345678'), regionCode: '330200' } });
    type M = [string, (c: RegisterCommand) => void];
    const mutations = fc.oneof(
      fc.oneof(fc.constantFrom('', 'a', 'a@b', '@b.cn', 'a b@c.cn', 'a@@b.cn', 'a@b.'), fc.integer({ min: 250, max: 400 }).map((n) => `${'x'.repeat(n)}@b.cn`)).map((v): M => ['input.email', (c) => (c.email = v)]),
      fc.string({ maxLength: MIN_PASSWORD_LENGTH - 1 }).map((v): M => ['input.password', (c) => (c.password = v)]),
      fc.integer({ min: 1025, max: 5000 }).map((n): M => ['input.password', (c) => (c.password = 'p'.repeat(n))]),
      fc.oneof(fc.constantFrom('', '  ', '\u3000'), fc.integer({ min: 101, max: 300 }).map((n) => '名'.repeat(n))).map((v): M => ['input.displayName', (c) => (c.displayName = v)]),
      fc.oneof(fc.constant('AUTHORITY'), hostileString().filter((s) => !(ORGANIZATION_KINDS as readonly string[]).includes(s))).map((v): M => ['input.organization.kind', (c) => (c.organization.kind = v as never)]),
      fc.oneof(fc.constantFrom('', ' 甲 ', 'x'), fc.integer({ min: 201, max: 400 }).map((n) => '司'.repeat(n))).map((v): M => ['input.organization.name', (c) => (c.organization.name = v)]),
      fc.tuple(fc.integer({ min: 0, max: 17 }), fc.constantFrom(...ALPHABET)).map(([i, ch]): M => ['input.organization.uscc', (c) => {
        const u = c.organization.uscc;
        c.organization.uscc = ch === u[i] ? u.slice(1) : u.slice(0, i) + ch + u.slice(i + 1);
      }]),
      anyRegion.filter((r) => !REGION_CODES.has(r.trim())).map((v): M => ['input.organization.regionCode', (c) => (c.organization.regionCode = v)]),
    );
    check(
      fc.property(mutations, ([field, mutate]) => {
        const cmd = base();
        mutate(cmd);
        rejects(() => validateRegistration(cmd), field);
      }),
      400,
    );
  });
});

#!/usr/bin/env node
// Role suffixes in file names (issue 16 item 7): one rule, applied to libs/ and apps/.
//
//   kebab-name.<role>.ts   where the role is what the file's decorated classes are:
//     @Entity / @ViewEntity                      → .entity.ts
//     @Module                                    → .module.ts
//     @Resolver                                  → .resolver.ts
//     @Controller                                → .controller.ts
//     @InputType / @ArgsType only                → .inputs.ts
//     @ObjectType / @InterfaceType only          → .models.ts
//     @HandlesJob job handlers only              → .handlers.ts
//     @Injectable class named …Service           → .service.ts
//     class named …Repository                    → .repository.ts
// A file whose decorated classes have one role gets that suffix (an existing role-like suffix, e.g.
// `.handler`, is replaced; otherwise the suffix is appended). Plain classes, functions, types and
// constants beside them do not change the role. Files with MIXED roles (models and inputs, a service and
// a scheduler, …) or an @Injectable that is none of the above (schedulers, feeds, importers, limiters)
// are left alone and listed: their role is a decision, not a rename.
//
//   node scripts/role-names.mjs               # git mv the files, rewrite every relative reference to them
//   node scripts/role-names.mjs --check       # change nothing; exit 1 if a file would be renamed
//   node scripts/role-names.mjs --report FILE # also write the report (markdown) to FILE
//
// References are rewritten in libs/, apps/, test/, migrations/ and scripts/: any relative string literal
// ('./x.js', '../y/x.js') that points at a renamed file (imports, import(), new URL(…, import.meta.url),
// jest mocks). Mentions elsewhere (README, docs, package.json) are listed, not edited. Idempotent.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = process.cwd();
const args = process.argv.slice(2);
const CHECK = args.includes('--check');
const reportFile = args.includes('--report') ? args[args.indexOf('--report') + 1] : undefined;
const rel = (f) => path.relative(root, f).split(path.sep).join('/');

const SUFFIX = {
  entity: 'entity',
  module: 'module',
  resolver: 'resolver',
  controller: 'controller',
  inputs: 'inputs',
  models: 'models',
  handlers: 'handlers',
  service: 'service',
  repository: 'repository',
};
// suffixes a file may already carry for one of these roles, singular or plural
const ROLE_LIKE = /\.(entity|entities|module|resolver|resolvers|controller|controllers|input|inputs|model|models|handler|handlers|service|services|repository|repositories)$/;

function walk(dir, exts, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || (e.isDirectory() && e.name.startsWith('.'))) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, exts, out);
    else if (exts.some((x) => e.name.endsWith(x)) && !e.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const decoratorNames = (node) =>
  (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []).map((d) => {
    const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '?';
  });

/** Role of one class, undefined for a plain class, or `?Name` for an @Injectable of no known role. */
function roleOfClass(cls) {
  const name = cls.name?.text ?? '(anonymous)';
  const decs = new Set(decoratorNames(cls));
  if (decs.has('Entity') || decs.has('ViewEntity')) return 'entity';
  if (decs.has('Module')) return 'module';
  if (decs.has('Resolver')) return 'resolver';
  if (decs.has('Controller')) return 'controller';
  // a class that is both @ObjectType and @InputType is a model that doubles as an input
  if (decs.has('ObjectType') || decs.has('InterfaceType')) return 'models';
  if (decs.has('InputType') || decs.has('ArgsType')) return 'inputs';
  if (decs.has('HandlesJob')) return 'handlers';
  if (/Repository$/.test(name)) return 'repository';
  if (decs.has('Injectable')) return /Service$/.test(name) ? 'service' : `?${name}`;
  if (decs.size) return `?${name} (@${[...decs].join(', @')})`;
  return undefined;
}

function rolesOf(file) {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const roles = new Map(); // role → class names
  for (const st of sf.statements) {
    if (!ts.isClassDeclaration(st)) continue;
    const role = roleOfClass(st);
    if (!role) continue;
    if (!roles.has(role)) roles.set(role, []);
    roles.get(role).push(st.name?.text ?? '(anonymous)');
  }
  return roles;
}

function targetName(file, role) {
  const dir = path.dirname(file);
  const base = path.basename(file, '.ts');
  const stem = base.replace(ROLE_LIKE, '');
  return path.join(dir, `${stem}.${SUFFIX[role]}.ts`);
}

// ------------------------------------------------------------------------------------------ classify
const candidates = [...walk(path.join(root, 'libs'), ['.ts']), ...walk(path.join(root, 'apps'), ['.ts'])].filter(
  (f) => path.basename(f) !== 'index.ts' && !/\.(spec|test)\.ts$/.test(f),
);
const renames = new Map(); // old → new (absolute)
const mixed = []; // [file, description]
const unclear = [];
const blocked = [];
for (const file of candidates.sort()) {
  const roles = rolesOf(file);
  if (roles.size === 0) continue;
  const describe = () => [...roles].map(([r, names]) => `${r.startsWith('?') ? 'other' : r}: ${names.join(', ')}`).join('; ');
  const known = [...roles.keys()].filter((r) => !r.startsWith('?'));
  if (known.length !== roles.size) {
    (known.length ? mixed : unclear).push([file, describe()]);
    continue;
  }
  if (known.length > 1) {
    mixed.push([file, describe()]);
    continue;
  }
  const target = targetName(file, known[0]);
  if (target === file) continue;
  if (fs.existsSync(target) || [...renames.values()].includes(target)) {
    blocked.push([file, `${rel(target)} exists`]);
    continue;
  }
  renames.set(file, target);
}

// ---------------------------------------------------------------------------------- rewrite references
const referrers = [
  ...walk(path.join(root, 'libs'), ['.ts']),
  ...walk(path.join(root, 'apps'), ['.ts']),
  ...walk(path.join(root, 'test'), ['.ts']),
  ...walk(path.join(root, 'migrations'), ['.ts']),
  ...walk(path.join(root, 'scripts'), ['.mjs', '.js', '.ts']),
];
const renamedTs = new Map([...renames].map(([o, n]) => [o, n]));
/** New text of a literal that points at a renamed file, or undefined. */
function rewriteSpec(fromFile, spec) {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return undefined;
  const m = /\.(js|ts)$/.exec(spec);
  if (!m) return undefined;
  const abs = path.resolve(path.dirname(fromFile), spec.replace(/\.js$/, '.ts'));
  const to = renamedTs.get(abs);
  if (!to) return undefined;
  // the referrer may itself be renamed, but renames keep the directory, so the relative path holds
  let s = path.relative(path.dirname(fromFile), to).split(path.sep).join('/');
  if (!s.startsWith('.')) s = './' + s;
  return m[1] === 'js' ? s.replace(/\.ts$/, '.js') : s;
}
const edits = new Map(); // file → new text
let references = 0;
for (const file of referrers) {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const changes = [];
  const visit = (n) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      const to = rewriteSpec(file, n.text);
      if (to) changes.push({ start: n.getStart(sf) + 1, end: n.end - 1, text: to });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (!changes.length) continue;
  references += changes.length;
  let out = text;
  for (const c of changes.sort((a, b) => b.start - a.start)) out = out.slice(0, c.start) + c.text + out.slice(c.end);
  edits.set(file, out);
}

// mentions outside the code (not edited)
const docFiles = [
  ...walk(root, ['.md']).filter((f) => !rel(f).startsWith('node_modules') && !rel(f).startsWith('dist')),
  path.join(root, 'package.json'),
  ...walk(path.join(root, 'docker'), ['']),
  ...walk(path.join(root, '.ci'), ['']),
].filter((f) => fs.existsSync(f) && fs.statSync(f).isFile());
const mentions = [];
for (const [from] of renames) {
  const base = path.basename(from, '.ts');
  const re = new RegExp(`(^|[^\\w.-])${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.ts|\\.js)?(?![\\w-])`);
  for (const f of docFiles) {
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    lines.forEach((l, i) => {
      if (re.test(l)) mentions.push(`${rel(f)}:${i + 1} mentions ${base}`);
    });
  }
}

// ---------------------------------------------------------------------------------------------- apply
if (!CHECK) {
  for (const [file, text] of edits) fs.writeFileSync(file, text);
  for (const [from, to] of renames) execFileSync('git', ['mv', rel(from), rel(to)], { cwd: root });
}

const lines = [];
lines.push(`# Role names (scripts/role-names.mjs${CHECK ? ' --check' : ''})`, '');
lines.push(`${CHECK ? 'Would rename' : 'Renamed'} ${renames.size} files; ${references} references rewritten in ${edits.size} files.`, '');
if (renames.size) {
  lines.push('## Renamed', '');
  for (const [from, to] of renames) lines.push(`- ${rel(from)} → ${path.basename(to)}`);
  lines.push('');
}
if (mixed.length) {
  lines.push('## Left alone: mixed roles (split along their seams by hand)', '');
  const suffixOf = (f) => ROLE_LIKE.exec(path.basename(f, '.ts'))?.[1];
  for (const [f, d] of mixed) lines.push(`- ${rel(f)}${suffixOf(f) ? ` (named .${suffixOf(f)})` : ''}: ${d}`);
  lines.push('');
}
if (unclear.length) {
  lines.push('## Left alone: a decorated class of no role in the rule (scheduler, feed, importer, …)', '');
  for (const [f, d] of unclear) lines.push(`- ${rel(f)}: ${d}`);
  lines.push('');
}
if (blocked.length) {
  lines.push('## Left alone: the new name is taken', '');
  for (const [f, d] of blocked) lines.push(`- ${rel(f)} (${d})`);
  lines.push('');
}
if (mentions.length) {
  lines.push('## Mentions outside the code (not edited)', '');
  for (const m of mentions) lines.push(`- ${m}`);
  lines.push('');
}
const report = lines.join('\n');
process.stdout.write(report);
if (reportFile) fs.writeFileSync(reportFile, report);
if (CHECK && renames.size) process.exit(1);

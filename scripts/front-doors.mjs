#!/usr/bin/env node
// Front doors (issue 16 item 6): every lib under libs/<lib>/ has libs/<lib>/src/index.ts, and code in
// other libs and in the apps imports a lib only through that file.
//
//   node scripts/front-doors.mjs            # rewrite imports, add the needed re-exports, print what changed
//   node scripts/front-doors.mjs --check    # change nothing; exit 1 if a run would change something
//   node scripts/front-doors.mjs --tests    # also rewrite test/ (by default tests may keep deep imports)
//
// What it does, in order:
//  1. creates libs/<lib>/src/index.ts where missing (a header comment and the re-exports step 3 needs);
//  2. an import from another lib's internals (`../../../identity/src/organizations/organization.entity.js`)
//     is pointed at that lib's index.js; imports of the same module that end up identical are merged;
//  3. every name such an import needs is re-exported from the target index, next to the names it
//     already exports: `export { OrganizationEntity, type OrganizationKind } from './organizations/…js'`;
//  4. a file that imports ITS OWN lib's index (`../index.js`) imports the defining files instead, so a
//     lib's barrel never sits inside one of its own import cycles.
// The names are checked with the TypeScript checker: a re-export is added only when the index does not
// already export that exact symbol; a name the index exports for a DIFFERENT symbol is a conflict, and
// that import is left deep and reported (the eslint boundary rule then fails on it until someone decides).
// Idempotent: a second run finds nothing to do. Run `npm run build && node scripts/import-cycles.mjs`
// afterwards: a barrel turns a cycle between two libs into a cycle between modules.
//
// Tests (test/) keep deep imports unless --tests: unit and integration tests exercise a lib's internals
// (pure helpers, entities, single services), which a front door should not have to publish.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = process.cwd();
const argv = new Set(process.argv.slice(2));
const CHECK = argv.has('--check');
const WITH_TESTS = argv.has('--tests');
const MAX_LINE = 140;

const rel = (f) => path.relative(root, f).split(path.sep).join('/');

// ---------------------------------------------------------------------------------------------- libs
const LIBS = fs
  .readdirSync(path.join(root, 'libs'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, 'libs', d.name, 'src')))
  .map((d) => d.name)
  .sort();
const indexPath = (lib) => path.join(root, 'libs', lib, 'src', 'index.ts');

/** The lib a source file belongs to (libs/<lib>/src/**), or undefined for apps, tests, libs/*.ts. */
function libOf(file) {
  const m = /^libs\/([^/]+)\/src\//.exec(rel(file));
  return m && LIBS.includes(m[1]) ? m[1] : undefined;
}

function headerFor(lib) {
  return [
    '/**',
    ` * libs/${lib}: the front door. Other libs and the apps import this lib only through this file (the`,
    ' * boundary rules in eslint.config.js fail on anything else); files inside the lib import each other',
    ' * directly. Maintained by scripts/front-doors.mjs, which adds the re-exports other code needs.',
    ' */',
    '',
  ].join('\n');
}

// Index files that do not exist yet are served from memory so the checker can see them.
const overlay = new Map();
for (const lib of LIBS) {
  if (!fs.existsSync(indexPath(lib))) overlay.set(indexPath(lib), headerFor(lib) + 'export {};\n');
}

// ------------------------------------------------------------------------------------------ program
const configPath = path.join(root, 'tsconfig.json');
const config = ts.readConfigFile(configPath, ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
const options = { ...parsed.options, incremental: false, tsBuildInfoFile: undefined, noEmit: true };
const host = ts.createCompilerHost(options, true);
const baseGetSourceFile = host.getSourceFile.bind(host);
const baseFileExists = host.fileExists.bind(host);
const baseReadFile = host.readFile.bind(host);
host.fileExists = (f) => overlay.has(path.resolve(f)) || baseFileExists(f);
host.readFile = (f) => overlay.get(path.resolve(f)) ?? baseReadFile(f);
host.getSourceFile = (f, lang, ...rest) =>
  overlay.has(path.resolve(f))
    ? ts.createSourceFile(f, overlay.get(path.resolve(f)), lang, true)
    : baseGetSourceFile(f, lang, ...rest);
const rootNames = [...new Set([...parsed.fileNames.map((f) => path.resolve(f)), ...overlay.keys()])];
const program = ts.createProgram({ rootNames, options, host });
const checker = program.getTypeChecker();

const sourceOf = (file) => program.getSourceFile(file);
function resolveSpec(spec, fromFile) {
  const r = ts.resolveModuleName(spec, fromFile, options, host).resolvedModule;
  if (!r || r.isExternalLibraryImport) return undefined;
  const f = path.resolve(r.resolvedFileName);
  return f.endsWith('.ts') && !f.endsWith('.d.ts') ? f : undefined;
}
const unalias = (s) => (s && s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
const exportCache = new Map();
/** name → exported symbol of a module file. */
function exportsOf(file) {
  if (!exportCache.has(file)) {
    const sf = sourceOf(file);
    const mod = sf && checker.getSymbolAtLocation(sf);
    exportCache.set(file, new Map((mod ? checker.getExportsOfModule(mod) : []).map((s) => [s.escapedName, s])));
  }
  return exportCache.get(file);
}
const isValue = (sym) => !!(unalias(sym).flags & ts.SymbolFlags.Value);

/** Path of `to` as a relative ESM specifier from the directory of `fromFile` (`.ts` → `.js`). */
function specifier(fromFile, to) {
  let s = path.relative(path.dirname(fromFile), to).split(path.sep).join('/').replace(/\.ts$/, '.js');
  if (!s.startsWith('.')) s = './' + s;
  return s;
}

// --------------------------------------------------------------------------------------- importers
function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}
const importers = [...walk(path.join(root, 'libs')), ...walk(path.join(root, 'apps')), ...(WITH_TESTS ? walk(path.join(root, 'test')) : [])]
  .map((f) => path.resolve(f))
  .filter((f) => !overlay.has(f));

const problems = []; // imports left as they are, with the reason
const additions = new Map(); // lib → Map(name → { from, value, target })
const fileEdits = new Map(); // file → [{ start, end, text }]
const rewritten = new Map(); // file → count of redirected imports (cross-lib)
const ownIndexRedirects = [];

function edit(file, start, end, text) {
  if (!fileEdits.has(file)) fileEdits.set(file, []);
  fileEdits.get(file).push({ start, end, text });
}
const where = (sf, node) => `${rel(sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;

/** The names an import/export declaration takes from its module, or a reason it cannot be redirected. */
function namesOf(decl) {
  if (ts.isImportDeclaration(decl)) {
    const clause = decl.importClause;
    if (!clause) return { names: [] }; // side-effect import
    if (clause.name) return { reason: 'default import' };
    const nb = clause.namedBindings;
    if (!nb) return { names: [] };
    if (ts.isNamespaceImport(nb)) return { reason: 'namespace import (import * as)' };
    return {
      names: nb.elements.map((e) => ({ name: (e.propertyName ?? e.name).text, local: e.name.text, typeOnly: clause.isTypeOnly || e.isTypeOnly })),
    };
  }
  if (ts.isExportDeclaration(decl)) {
    const ec = decl.exportClause;
    if (!ec) return { reason: 'export * from another lib' };
    if (ts.isNamespaceExport(ec)) return { reason: 'export * as ns from another lib' };
    return {
      names: ec.elements.map((e) => ({ name: (e.propertyName ?? e.name).text, local: e.name.text, typeOnly: decl.isTypeOnly || e.isTypeOnly })),
    };
  }
  // import('…') calls and import('…').T types
  if (ts.isImportTypeNode(decl)) {
    if (!decl.qualifier) return { reason: 'typeof import() without a member' };
    let q = decl.qualifier;
    while (ts.isQualifiedName(q)) q = q.left;
    return { names: [{ name: q.text, typeOnly: true }] };
  }
  let p = decl.parent;
  if (p && ts.isAwaitExpression(p)) p = p.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isObjectBindingPattern(p.name)) {
    const names = [];
    for (const el of p.name.elements) {
      const n = el.propertyName ?? el.name;
      if (!ts.isIdentifier(n)) return { reason: 'dynamic import with a computed binding' };
      names.push({ name: n.text, typeOnly: false });
    }
    return { names };
  }
  return { reason: 'dynamic import not destructured at once' };
}

/** Module specifier node of an import-like node. */
function specNode(node) {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return node.moduleSpecifier;
  if (ts.isImportTypeNode(node)) return ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined;
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) return node.arguments[0];
  return undefined;
}

function importNodes(sf) {
  const out = [];
  const visit = (n) => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) {
      if (n.moduleSpecifier) out.push(n);
      return;
    }
    if (ts.isImportTypeNode(n) || (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword)) out.push(n);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf, visit);
  return out;
}

/** Plan a re-export of `name` (taken from module `from`) in the index of `lib`; false on a conflict. */
function planExport(lib, name, from, sf, node) {
  const sym = exportsOf(from).get(name);
  if (!sym) {
    problems.push(`${where(sf, node)}: ${rel(from)} has no export ${name}`);
    return false;
  }
  const target = unalias(sym);
  const existing = exportsOf(indexPath(lib)).get(name);
  if (existing) {
    if (unalias(existing) === target) return true;
    problems.push(`${where(sf, node)}: libs/${lib}/src/index.ts already exports a different ${name}; import left deep`);
    return false;
  }
  if (!additions.has(lib)) additions.set(lib, new Map());
  const planned = additions.get(lib).get(name);
  if (planned) {
    if (planned.target === target) return true;
    problems.push(
      `${where(sf, node)}: two different ${name} would be exported by libs/${lib}/src/index.ts (${rel(planned.from)}, ${rel(from)}); import left deep`,
    );
    return false;
  }
  additions.get(lib).set(name, { from, value: isValue(sym), target });
  return true;
}

/** Where an export of the lib's own index is defined: [file, name there], or undefined if in the index itself. */
function definingModule(lib, name) {
  const sym = exportsOf(indexPath(lib)).get(name);
  if (!sym) return undefined;
  const target = unalias(sym);
  const decl = target.declarations?.[0];
  if (!decl) return undefined;
  const file = path.resolve(decl.getSourceFile().fileName);
  if (file === indexPath(lib) || libOf(file) !== lib) return undefined;
  const exp = exportsOf(file);
  if (exp.get(name) && unalias(exp.get(name)) === target) return [file, name];
  for (const [n, s] of exp) if (unalias(s) === target) return [file, n];
  return undefined;
}

function fmtNamed(keyword, elements, spec, quote) {
  const one = `${keyword} { ${elements.join(', ')} } from ${quote}${spec}${quote};`;
  if (one.length <= MAX_LINE) return one;
  return `${keyword} {\n${elements.map((e) => `  ${e},\n`).join('')}} from ${quote}${spec}${quote};`;
}

for (const file of importers) {
  const sf = sourceOf(file);
  if (!sf) continue;
  const ownLib = libOf(file);
  for (const node of importNodes(sf)) {
    const lit = specNode(node);
    if (!lit || !ts.isStringLiteralLike(lit) || !lit.text.startsWith('.')) continue;
    const target = resolveSpec(lit.text, file);
    if (!target) continue;
    const lib = libOf(target);
    if (!lib) continue;
    const quote = sf.text[lit.getStart(sf)];

    if (lib !== ownLib && target !== indexPath(lib)) {
      // ---- another lib's internals → its front door
      const { names, reason } = namesOf(node);
      if (reason) {
        problems.push(`${where(sf, node)}: ${reason} of ${rel(target)}; left as it is`);
        continue;
      }
      let ok = true;
      for (const n of names) ok = planExport(lib, n.name, target, sf, node) && ok;
      if (!ok) continue;
      edit(file, lit.getStart(sf), lit.end, `${quote}${specifier(file, indexPath(lib))}${quote}`);
      rewritten.set(file, (rewritten.get(file) ?? 0) + 1);
    } else if (lib === ownLib && target === indexPath(lib) && file !== indexPath(lib) && ts.isImportDeclaration(node)) {
      // ---- a file importing its own lib's front door → the defining files
      const { names, reason } = namesOf(node);
      if (reason || names.length === 0) {
        problems.push(`${where(sf, node)}: ${reason ?? 'side-effect import'} of its own lib's index; left as it is`);
        continue;
      }
      const groups = new Map(); // defining file → elements
      const stay = [];
      for (const n of names) {
        const def = definingModule(lib, n.name);
        const there = def ? def[1] : n.name;
        const text = (n.typeOnly && !node.importClause.isTypeOnly ? 'type ' : '') + (there === n.local ? there : `${there} as ${n.local}`);
        if (!def) stay.push(text);
        else {
          if (!groups.has(def[0])) groups.set(def[0], []);
          groups.get(def[0]).push(text);
        }
      }
      if (groups.size === 0) continue;
      const keyword = node.importClause.isTypeOnly ? 'import type' : 'import';
      const lines = [...groups].map(([f, els]) => fmtNamed(keyword, els, specifier(file, f), quote));
      if (stay.length) {
        lines.push(fmtNamed(keyword, stay, lit.text, quote));
        problems.push(`${where(sf, node)}: ${stay.join(', ')} defined in libs/${lib}/src/index.ts itself; still imported from it`);
      }
      edit(file, node.getStart(sf), node.end, lines.join('\n'));
      ownIndexRedirects.push(`${where(sf, node)} → ${[...groups.keys()].map(rel).join(', ')}`);
    }
  }
}

// ------------------------------------------------------------------------------------- apply edits
function applyEdits(text, edits) {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Merge named imports of one module (same type-only-ness) into the first of them. */
function mergeDuplicateImports(fileName, text) {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const groups = new Map();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const c = st.importClause;
    if (!c || c.name || !c.namedBindings || !ts.isNamedImports(c.namedBindings)) continue;
    const key = `${c.isTypeOnly ? 'type' : 'value'} ${st.moduleSpecifier.text}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(st);
  }
  const edits = [];
  for (const decls of groups.values()) {
    // a later import with its own comment keeps its place
    const mergeable = decls.filter((d, i) => i === 0 || ts.getLeadingCommentRanges(text, d.pos)?.length === undefined);
    if (mergeable.length < 2) continue;
    const [first, ...rest] = mergeable;
    const seen = new Set();
    const els = [];
    for (const d of mergeable)
      for (const e of d.importClause.namedBindings.elements) {
        const t = e.getText(sf);
        if (!seen.has(t)) {
          els.push(t);
          seen.add(t);
        }
      }
    const quote = text[first.moduleSpecifier.getStart(sf)];
    const keyword = first.importClause.isTypeOnly ? 'import type' : 'import';
    edits.push({ start: first.getStart(sf), end: first.end, text: fmtNamed(keyword, els, first.moduleSpecifier.text, quote) });
    for (const d of rest) {
      let end = d.end;
      if (text[end] === '\n') end++;
      edits.push({ start: d.getStart(sf), end, text: '' });
    }
  }
  return edits.length ? applyEdits(text, edits) : text;
}

const changes = new Map(); // file → new text
for (const [file, edits] of fileEdits) {
  let text = applyEdits(fs.readFileSync(file, 'utf8'), edits);
  if (rewritten.has(file)) text = mergeDuplicateImports(file, text);
  changes.set(file, text);
}

// --------------------------------------------------------------------------------- index re-exports
for (const lib of LIBS) {
  const idx = indexPath(lib);
  const isNew = overlay.has(idx);
  const adds = additions.get(lib);
  if (!isNew && !adds) continue;
  let text = isNew ? headerFor(lib) : fs.readFileSync(idx, 'utf8');
  const byModule = new Map();
  for (const [name, a] of adds ?? []) {
    const spec = specifier(idx, a.from);
    if (!byModule.has(spec)) byModule.set(spec, []);
    byModule.get(spec).push({ name, value: a.value });
  }
  const sf = ts.createSourceFile(idx, text, ts.ScriptTarget.Latest, true);
  const edits = [];
  const appended = [];
  for (const spec of [...byModule.keys()].sort()) {
    const items = byModule.get(spec).sort((a, b) => a.name.localeCompare(b.name));
    const allTypes = items.every((i) => !i.value);
    // an existing `export { … } from '<spec>'` of the same kind takes the new names
    const existing = sf.statements.find(
      (s) =>
        ts.isExportDeclaration(s) &&
        s.moduleSpecifier &&
        ts.isStringLiteral(s.moduleSpecifier) &&
        s.moduleSpecifier.text === spec &&
        s.exportClause &&
        ts.isNamedExports(s.exportClause) &&
        (!s.isTypeOnly || allTypes),
    );
    if (existing) {
      const els = existing.exportClause.elements.map((e) => e.getText(sf));
      for (const i of items) els.push(!i.value && !existing.isTypeOnly ? `type ${i.name}` : i.name);
      const keyword = existing.isTypeOnly ? 'export type' : 'export';
      edits.push({ start: existing.getStart(sf), end: existing.end, text: fmtNamed(keyword, els, spec, "'") });
    } else if (allTypes) {
      appended.push(fmtNamed('export type', items.map((i) => i.name), spec, "'"));
    } else {
      appended.push(fmtNamed('export', items.map((i) => (i.value ? i.name : `type ${i.name}`)), spec, "'"));
    }
  }
  text = applyEdits(text, edits);
  if (appended.length) {
    // a blank line after anything that is not itself a re-export (a comment, a constant)
    const last = sf.statements[sf.statements.length - 1];
    const gap = !isNew && last && !(ts.isExportDeclaration(last) && last.moduleSpecifier) ? '\n' : '';
    text = text.replace(/\n*$/, '\n') + gap + appended.join('\n') + '\n';
  }
  if (isNew && !appended.length && !edits.length) text += 'export {};\n';
  changes.set(idx, text);
}

// -------------------------------------------------------------------------- lib graph (value imports)
// After the rewrite every cross-lib import goes through a barrel, so a cycle between two libs becomes a
// cycle between modules. Warn about lib cycles seen in the source (imports that are not `import type`).
function libGraph() {
  // files directly under libs/ (e.g. libs/database-schema.ts) count as units of their own
  const unit = (f) => libOf(f) ?? (/^libs\/[^/]+\.ts$/.test(rel(f)) ? rel(f) : undefined);
  const g = new Map();
  const node = (u) => (g.has(u) ? g.get(u) : g.set(u, new Set()).get(u));
  for (const file of importers) {
    const from = unit(file);
    if (!from) continue;
    const text = changes.get(file) ?? fs.readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    for (const st of sf.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.moduleSpecifier.text.startsWith('.')) continue;
      const c = st.importClause;
      if (c && (c.isTypeOnly || (!c.name && c.namedBindings && ts.isNamedImports(c.namedBindings) && c.namedBindings.elements.every((e) => e.isTypeOnly)))) continue;
      const to = unit(path.resolve(path.dirname(file), st.moduleSpecifier.text.replace(/\.js$/, '.ts')));
      node(from);
      if (to && to !== from) {
        node(to);
        node(from).add(to);
      }
    }
  }
  return g;
}
/** Groups of units that reach each other (strongly connected), each with one example cycle. */
function libCycles(g) {
  const reach = (a) => {
    const seen = new Set();
    const q = [a];
    while (q.length) {
      for (const w of g.get(q.shift()) ?? []) {
        if (!seen.has(w)) {
          seen.add(w);
          q.push(w);
        }
      }
    }
    return seen;
  };
  const r = new Map([...g.keys()].map((u) => [u, reach(u)]));
  const done = new Set();
  const out = [];
  for (const a of [...g.keys()].sort()) {
    if (done.has(a) || !r.get(a).has(a)) continue;
    const comp = [...g.keys()].filter((b) => b === a || (r.get(a).has(b) && r.get(b).has(a))).sort();
    comp.forEach((b) => done.add(b));
    // shortest example cycle through a
    const prev = new Map();
    const q = [a];
    let last;
    while (q.length && !last) {
      const v = q.shift();
      for (const w of g.get(v)) {
        if (w === a) {
          last = v;
          break;
        }
        if (!prev.has(w)) {
          prev.set(w, v);
          q.push(w);
        }
      }
    }
    const chain = [a];
    for (let v = last; v && v !== a; v = prev.get(v)) chain.splice(1, 0, v);
    out.push(`${comp.join(', ')}: e.g. ${[...chain, a].join(' → ')}`);
  }
  return out;
}

// ------------------------------------------------------------------------------------------ report
const changed = [...changes].filter(([f, t]) => !fs.existsSync(f) || fs.readFileSync(f, 'utf8') !== t);
if (!CHECK) for (const [f, t] of changed) fs.writeFileSync(f, t);

const log = (s = '') => process.stdout.write(s + '\n');
log(`front doors: ${LIBS.length} libs (${LIBS.join(', ')})${WITH_TESTS ? ', tests included' : ', test/ left alone'}`);
const created = [...overlay.keys()].filter((f) => changes.has(f));
if (created.length) log(`created: ${created.map(rel).join(', ')}`);
const imports = [...rewritten.values()].reduce((a, b) => a + b, 0);
log(`imports redirected to a front door: ${imports} in ${rewritten.size} files`);
for (const [lib, adds] of [...additions].sort()) log(`  libs/${lib}/src/index.ts: +${adds.size} re-exports (${[...adds.keys()].sort().join(', ')})`);
if (ownIndexRedirects.length) {
  log(`imports of a lib's own index pointed at the defining files: ${ownIndexRedirects.length}`);
  for (const r of ownIndexRedirects) log(`  ${r}`);
}
if (problems.length) {
  log(`left as they are (${problems.length}):`);
  for (const p of [...new Set(problems)]) log(`  ${p}`);
}
const cycles = libCycles(libGraph());
if (cycles.length) {
  log(`WARNING lib cycles through value imports (each becomes a module cycle through the barrels; check with scripts/import-cycles.mjs):`);
  for (const c of cycles) log(`  ${c}`);
}
log(`${CHECK ? 'would change' : 'changed'} ${changed.length} files`);
if (CHECK && changed.length) {
  for (const [f] of changed) log(`  ${rel(f)}`);
  process.exit(1);
}

#!/usr/bin/env node
// Finds import cycles in the COMPILED code (dist/), i.e. the imports Node really
// evaluates: `import type` and imports used only as types are gone there, while the
// ones TypeScript keeps for decorator metadata (emitDecoratorMetadata) are present.
// A cycle between modules is where "Cannot access X before initialization" comes from.
//
//   npm run build && node scripts/import-cycles.mjs            # list cycles, exit 1 if any cross a lib
//   node scripts/import-cycles.mjs --libs                       # also print the lib → lib graph
//   node scripts/import-cycles.mjs --all                        # exit 1 on any cycle, even inside one lib
//
// "Lib" here is libs/<name>/ (libs/<name>/src/**), "app" is apps/<name>/, files directly
// under libs/ (e.g. libs/database-schema.ts) form their own unit named after the file.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = process.cwd();
const dist = path.join(root, 'dist');
const args = new Set(process.argv.slice(2));

if (!fs.existsSync(dist)) {
  console.error('dist/ not found: run `npm run build` first');
  process.exit(2);
}

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith('.js')) out.push(full);
  }
  return out;
}

const files = ['apps', 'libs', 'test'].flatMap((d) => walk(path.join(dist, d)));
const known = new Set(files);

/** The unit (lib or app) a dist file belongs to, e.g. "libs/identity". */
export function unitOf(rel) {
  const parts = rel.split('/');
  if ((parts[0] === 'libs' || parts[0] === 'apps') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  if (parts[0] === 'test') return `test/${parts[1]}`;
  return rel.replace(/\.js$/, '');
}

/** Static (evaluated-at-load) relative imports of one compiled file. */
function staticImports(file) {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const specs = [];
  for (const st of sf.statements) {
    if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      specs.push(st.moduleSpecifier.text);
    }
  }
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => path.resolve(path.dirname(file), s))
    .filter((p) => known.has(p));
}

const graph = new Map(files.map((f) => [f, staticImports(f)]));
const rel = (f) => path.relative(dist, f);

// Tarjan's strongly connected components (iterative, the graph has ~1,000 nodes).
function sccs(g) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const out = [];
  for (const start of g.keys()) {
    if (idx.has(start)) continue;
    const work = [[start, 0]];
    idx.set(start, index);
    low.set(start, index++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      const edges = g.get(v) ?? [];
      if (i < edges.length) {
        frame[1]++;
        const w = edges[i];
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v), idx.get(w)));
        }
      } else {
        work.pop();
        if (work.length) {
          const parent = work[work.length - 1][0];
          low.set(parent, Math.min(low.get(parent), low.get(v)));
        }
        if (low.get(v) === idx.get(v)) {
          const comp = [];
          let w;
          do {
            w = stack.pop();
            onStack.delete(w);
            comp.push(w);
          } while (w !== v);
          if (comp.length > 1 || (g.get(v) ?? []).includes(v)) out.push(comp);
        }
      }
    }
  }
  return out;
}

/** One shortest cycle through `from` inside its component, for a readable report. */
function shortestCycle(from, members) {
  const inComp = new Set(members);
  const prev = new Map([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (!inComp.has(w)) continue;
      if (w === from) {
        const chain = [v];
        for (let p = prev.get(v); p; p = prev.get(p)) chain.unshift(p);
        return [...chain, from];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [from];
}

const comps = sccs(graph);
let failing = 0;
for (const comp of comps) {
  const units = [...new Set(comp.map((f) => unitOf(rel(f))))].sort();
  const crossing = units.length > 1;
  if (crossing || args.has('--all')) failing++;
  const sample = shortestCycle(comp.sort()[0], comp);
  console.log(`${crossing ? 'CROSS-LIB' : 'in-lib'} cycle, ${comp.length} modules in ${units.join(', ')}`);
  console.log('  e.g. ' + sample.map(rel).join('\n    → '));
}

if (args.has('--libs')) {
  const edges = new Map();
  for (const [f, deps] of graph) {
    const a = unitOf(rel(f));
    if (a.startsWith('test/')) continue;
    for (const d of deps) {
      const b = unitOf(rel(d));
      if (a === b) continue;
      const key = `${a} → ${b}`;
      edges.set(key, (edges.get(key) ?? 0) + 1);
    }
  }
  console.log('\nruntime imports between units (count of import statements):');
  for (const [k, n] of [...edges].sort()) console.log(`  ${k}  (${n})`);
}

console.log(`\n${comps.length} cycle(s), ${failing} failing`);
process.exit(failing ? 1 : 0);

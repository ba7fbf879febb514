#!/usr/bin/env node
// Fails when any two project modules import each other, directly or through a chain
// (architecture.md: "no import cycles anywhere"). Run by `npm run lint`.
//
// Hand-written rather than eslint-plugin-import-x's `no-cycle` because that rule skips
// `import type` edges, and the cycles this codebase actually grew (shared/export <->
// shared/report, shared/sample generateCase <-> writeSeries) were type-only: they still tie
// two modules into one unit that cannot be understood, tested or moved apart. Imports are
// resolved by the TypeScript compiler API with the project's own tsconfig (the same resolution
// tsc and Vite use); cycles are the strongly connected components of the graph (Tarjan).
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts|mjs|js)$/;

/** Module specifiers a file imports or re-exports, type-only and dynamic ones included. */
export function importSpecifiers(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push(node.moduleReference.expression.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) found.push(literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Project files (tsconfig include plus plain .mjs/.js scripts) and the compiler options. */
export function projectFiles(rootDir, tsconfigName = 'tsconfig.json') {
  const configPath = resolve(rootDir, tsconfigName);
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, rootDir, { allowJs: true }, configPath, undefined, [
    { extension: '.mjs', isMixedContent: false, scriptKind: ts.ScriptKind.JS },
  ]);
  const files = parsed.fileNames.filter((f) => SOURCE.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.d.mts'));
  return { files, options: parsed.options };
}

/** Edges file -> imported project file; packages and declaration files are not part of the graph. */
export function importGraph(files, options) {
  const inProject = new Set(files);
  const host = ts.createCompilerHost(options);
  const graph = new Map();
  for (const file of files) {
    const targets = new Set();
    for (const spec of importSpecifiers(file, ts.sys.readFile(file) ?? '')) {
      const resolved = ts.resolveModuleName(spec, file, options, host).resolvedModule;
      const target = resolved?.resolvedFileName;
      if (target && !resolved.isExternalLibraryImport && inProject.has(target) && target !== file) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan, iterative so deep chains cannot overflow). */
export function cyclicComponents(graph) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++];
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(to)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1) components.push(component.sort());
      }
    }
  }
  return components;
}

/** One concrete loop through a component (shortest from its first file), to show where to cut. */
export function exampleCycle(graph, component) {
  const members = new Set(component);
  const start = component[0];
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const to of graph.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [node];
        for (let at = previous.get(node); at !== null; at = previous.get(at)) path.unshift(at);
        return [...path, start];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return component;
}

function main() {
  const rootDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { files, options } = projectFiles(rootDir);
  const graph = importGraph(files, options);
  const components = cyclicComponents(graph);
  const show = (f) => relative(rootDir, f);
  if (components.length === 0) {
    console.log(`checkImportCycles: no import cycles among ${files.length} files.`);
    return;
  }
  console.error(
    `checkImportCycles: ${components.length} import cycle(s); move the shared piece where both can import it.`,
  );
  for (const component of components) {
    console.error(`\n  ${component.length} files: ${component.map(show).join(', ')}`);
    console.error(`  e.g. ${exampleCycle(graph, component).map(show).join(' -> ')}`);
  }
  process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

#!/usr/bin/env node
// `npm run docs`: the HTML API reference of the npm package, built with
// typedoc from the published declarations (pkg-template/index.d.ts, which
// scripts/build.sh copies into pkg/ as it is) into docs/api/.
//
// Before typedoc reads them, a copy of the declarations gets links: every EWS
// element named in a doc comment (`ItemShape`, `SyncState`,
// `RequestServerVersion/@Version`) links to its page in Microsoft's EWS
// reference (docs/ews-reference-links.json, from scripts/docs-links.mjs),
// and the operation names link to the operation pages. typedoc runs with
// warnings as errors, after checking that the declarations use no `any`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'pkg-template', 'index.d.ts');
const WORK = path.join(ROOT, 'target', 'docs-src');
const OUT = path.resolve(ROOT, process.env.DOCS_OUT ?? path.join('docs', 'api'));
const OPERATIONS = ['GetConversationItems', 'GetImItems', 'GetImItemList', 'SyncFolderItems'];

const { base, links, contextual = {} } = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'ews-reference-links.json'), 'utf8'));
const url = (slug) => `${base}${slug}`;

/** Links the EWS names in one doc comment. */
function linkComment(comment, stats, context) {
  let linked = false;
  // `Element`, `Element/Child`, `Element/@Attribute`: the first element of the path
  let out = comment.replace(/(?<!\[)`([A-Z][A-Za-z0-9]*)((?:\/@?[A-Za-z][A-Za-z0-9]*)*)`/g, (whole, name, rest) => {
    const slug = contextual[name] ? (contextual[name][context] ?? contextual[name].default) : links[name];
    if (!slug) return whole;
    linked = true;
    return `[\`${name}${rest}\`](${url(slug)})`;
  });
  // the operations, named as words in the functions' docs
  out = out.replace(new RegExp(`(?<![\\w\`/\\[])(${OPERATIONS.join('|')})(?= (?:request|response|envelope|message))`, 'g'), (whole, op) => {
    const slug = links[`${op} operation`];
    if (!slug) return whole;
    linked = true;
    return `[${op}](${url(slug)})`;
  });
  stats.comments += 1;
  if (linked) stats.linked += 1;
  return out;
}

export function linkDeclarations(text) {
  const stats = { comments: 0, linked: 0, fields: 0, fieldsLinked: 0 };
  // a doc comment, and what it documents (to count the fields)
  // the interface or type each comment is in (or documents)
  const owners = [];
  for (const m of text.matchAll(/^export (?:interface|type|class|function) (\w+)/gm)) owners.push([m.index, m[1]]);
  const ownerAt = (offset, next) => {
    const own = /^export (?:interface|type|class|function) (\w+)/.exec(next);
    if (own) return own[1];
    let name;
    for (const [at, n] of owners) if (at < offset) name = n;
    return name;
  };
  const result = text.replace(/\/\*\*[\s\S]*?\*\/(\s*)([^\n]*)/g, (whole, space, next, offset) => {
    const end = whole.indexOf('*/') + 2;
    const comment = whole.slice(0, end);
    const linkedComment = linkComment(comment, stats, ownerAt(offset, next));
    if (/^\s*[A-Za-z_]\w*\??:/.test(next)) {
      stats.fields += 1;
      if (linkedComment !== comment) stats.fieldsLinked += 1;
    }
    return linkedComment + whole.slice(end);
  });
  return { text: result, stats };
}

/** Where the declarations use `any` (the public API has none: `unknown` or a real type instead). */
export async function anyTypes(text) {
  const { default: ts } = await import('typescript');
  const file = ts.createSourceFile('index.d.ts', text, ts.ScriptTarget.ES2022, true);
  const found = [];
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      const { line, character } = file.getLineAndCharacterOfPosition(node.getStart());
      found.push(`index.d.ts:${line + 1}:${character + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

async function main() {
  const any = await anyTypes(readFileSync(SRC, 'utf8'));
  if (any.length) {
    console.error(`pkg-template/index.d.ts uses \`any\` at ${any.join(', ')}: fix it where it is generated (src/ts.rs, src/ts_api.d.ts)`);
    process.exit(1);
  }
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const { text, stats } = linkDeclarations(readFileSync(SRC, 'utf8'));
  writeFileSync(path.join(WORK, 'index.d.ts'), text);
  writeFileSync(path.join(WORK, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, target: 'es2022', lib: ['es2022', 'dom'], module: 'esnext', moduleResolution: 'bundler', types: [], noEmit: true },
    files: ['index.d.ts'],
  }, null, 2));
  writeFileSync(path.join(WORK, 'README.md'), readFileSync(path.join(ROOT, 'docs', 'api-intro.md'), 'utf8'));

  const td = await import('typedoc');
  const app = await td.Application.bootstrapWithPlugins({
    name: 'ews-wasm',
    entryPoints: [path.join(WORK, 'index.d.ts')],
    tsconfig: path.join(WORK, 'tsconfig.json'),
    readme: path.join(WORK, 'README.md'),
    out: OUT,
    treatWarningsAsErrors: true,
    validation: { notExported: true, invalidLink: true, notDocumented: false },
    excludeExternals: true,
    disableSources: true,
    githubPages: false,
    hideGenerator: true,
    logLevel: 'Warn',
  });
  const project = await app.convert();
  if (!project || app.logger.hasErrors() || app.logger.hasWarnings()) {
    console.error('typedoc: errors or warnings (see above)');
    process.exit(1);
  }
  rmSync(OUT, { recursive: true, force: true });
  await app.generateDocs(project, OUT);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) {
    console.error('typedoc: errors or warnings while writing (see above)');
    process.exit(1);
  }
  console.log(`API reference in ${path.relative(process.cwd(), OUT)}/index.html: ${stats.fieldsLinked} of ${stats.fields} documented fields and ${stats.linked} of ${stats.comments} doc comments link to Microsoft's EWS reference`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

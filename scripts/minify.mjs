// Run by scripts/postbuild.sh on a staged build, before the CSP and the service worker's list.
// Each page's stylesheets become one minified file, each page's JavaScript glue (and the
// snippets it imports) is minified in place, and the pages lose their comments; the `integrity` hashes Trunk wrote are recomputed.
// Trunk's own `minify` cannot do this here (see ../shared/TOOLCHAIN.md): its JS minifier fails
// on this wasm-bindgen's glue and its HTML minifier rewrites the inline start-up script.
// The inline scripts are left byte for byte, so the CSP hashes postbuild.sh computes still hold.
//
//   node scripts/minify.mjs <staging dir>
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, readdirSync, unlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';

// esbuild is installed into the project's .tools/ by scripts/tools.sh.
const { transformSync } = createRequire(new URL('../.tools/', import.meta.url))('esbuild');
const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/minify.mjs <staging dir>');

const integrity = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const attr = (tag, name) => (tag.match(new RegExp(`\\s${name}="([^"]*)"`)) || [])[1];
const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
const replaced = new Set();
const kept = new Set();
const minified = new Set();

// A JS file (glue or snippet), minified once however many pages name it.
function minifyJs(path) {
  if (minified.has(path)) return;
  minified.add(path);
  const code = readFileSync(path, 'utf8');
  // Same module format out as in: the glue is an ES module with `import.meta.url`.
  const out = transformSync(code, { loader: 'js', format: 'esm', minify: true, legalComments: 'none' });
  writeFileSync(path, out.code);
}

// Every .js file below `sub` (wasm-bindgen's snippets folder).
function walk(sub) {
  for (const name of readdirSync(sub)) {
    const path = join(sub, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.js')) minifyJs(path);
  }
}

for (const page of pages) {
  const file = join(dir, page);
  let html = readFileSync(file, 'utf8');

  // The stylesheets, in their order, as one minified file.
  const sheets = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>\s*/g)];
  if (sheets.length > 0) {
    const hrefs = sheets.map((m) => attr(m[0], 'href'));
    const css = hrefs.map((h) => readFileSync(join(dir, h), 'utf8')).join('\n');
    const out = transformSync(css, { loader: 'css', minify: true, legalComments: 'none' }).code;
    const name = `style-${createHash('sha256').update(out).digest('hex').slice(0, 16)}.css`;
    writeFileSync(join(dir, name), out);
    kept.add(name);
    hrefs.forEach((h) => replaced.add(h.replace(/^\.\//, '')));
    const one = `<link rel="stylesheet" href="./${name}" integrity="${integrity(out)}"/>\n    `;
    html = html.replace(sheets[0][0], one);
    for (const m of sheets.slice(1)) html = html.replace(m[0], '');
  }

  // The glue, minified under its own name (the inline start-up script names it), with its
  // preload's integrity recomputed.
  html = html.replace(/<link\b[^>]*\brel="modulepreload"[^>]*>/g, (tag) => {
    const href = attr(tag, 'href');
    const path = join(dir, href);
    minifyJs(path);
    const sum = integrity(readFileSync(path));
    return tag.includes('integrity=') ? tag.replace(/integrity="[^"]*"/, `integrity="${sum}"`) : tag;
  });
  // The comments are for whoever reads the source pages, not for every visitor's download.
  // Scripts are left byte for byte: their CSP hashes were taken already (the parts' pages).
  html = html
    .split(/(<script\b[\s\S]*?<\/script>)/)
    .map((part, i) => (i % 2 ? part : part.replace(/<!--[\s\S]*?-->/g, '').replace(/\n(\s*\n)+/g, '\n')))
    .join('');
  writeFileSync(file, html);
}

try {
  walk(join(dir, 'snippets'));
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
}
// The separate stylesheets no page names any more: not shipped, not precached.
for (const f of replaced) if (!kept.has(f)) unlinkSync(join(dir, f));
console.log(`minify: ${pages.length} pages, ${minified.size} scripts, ${replaced.size} stylesheets merged`);

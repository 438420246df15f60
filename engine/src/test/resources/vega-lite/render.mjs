// Renders every Vega-Lite spec of a folder with the real libraries and prints, per mark layer, what was drawn.
// Usage (from a folder holding node_modules with vega and vega-lite): node render.mjs SPEC_DIR > rendered.csv
import { createRequire } from 'module';
import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';
const require = createRequire(path.join(process.cwd(), 'noop.js'));
const vega = require('vega');
const vl = require('vega-lite');
const dir = process.argv[2];
const q = s => '"' + String(s).replaceAll('"', '""') + '"';
console.log('spec,sha256,mark,type,instances,items,texts');
for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.json')).sort()) {
  const bytes = fs.readFileSync(path.join(dir, f));
  const sha = createHash('sha256').update(bytes).digest('hex');
  const warnings = [];
  const logger = { level() { return this; }, warn(...a) { warnings.push(a.join(' ')); return this; },
    info() { return this; }, debug() { return this; }, error(...a) { warnings.push(a.join(' ')); return this; } };
  const compiled = vl.compile(JSON.parse(bytes.toString('utf8')), { logger }).spec;
  if (warnings.length) { console.error(f, 'warnings:', warnings); process.exitCode = 1; }
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  await view.runAsync();
  // one row per mark layer: a layer drawn once per group (e.g. a line per limit curve) adds up its instances
  const layers = new Map();
  const walk = (node) => {
    if (!node || !node.marktype) return;
    if (node.role === 'mark' && /^layer_[a-z0-9_]*marks$/.test(node.name || '')) {
      const l = layers.get(node.name) || { type: node.marktype, instances: 0, items: 0, texts: [] };
      l.instances++;
      l.items += node.items.length;
      if (node.marktype === 'text') l.texts.push(...node.items.map(i => i.text).filter(t => t !== '' && t != null));
      layers.set(node.name, l);
    }
    for (const it of node.items || []) for (const child of it.items || []) walk(child);
  };
  walk(view.scenegraph().root);
  const rows = [...layers.entries()].map(([name, l]) => [f, sha, name, l.type, l.instances, l.items, l.texts.sort().join('|')]);
  rows.sort((a, b) => a[2].localeCompare(b[2]));
  for (const r of rows) console.log([r[0], r[1], r[2], r[3], r[4], r[5], q(r[6])].join(','));
}

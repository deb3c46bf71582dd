// Checks every BPMN model in processes/ (or the files given as arguments):
//  1. bpmnlint with the repository's .bpmnlintrc (recommended + camunda-compat for Camunda 7.24, the
//     rules Camunda Modeler shows for a Camunda 7.24 diagram): no errors, no warnings;
//  2. a round trip through bpmn-moddle with the Camunda extension (fromXML, then toXML({ format: true }),
//     which is what bpmn-js saveXML, and so Camunda Modeler, writes) changes nothing but whitespace: the
//     file is as the Modeler saves it, so an analyst's first edit does not rewrite it.
// Run from the repository root:  npm ci --prefix tools/models && node tools/models/check.mjs
// Exits 1 on any finding.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BpmnModdle from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');
const config = JSON.parse(readFileSync(join(root, '.bpmnlintrc'), 'utf8'));

const files = process.argv.length > 2
  ? process.argv.slice(2).map(f => resolve(f))
  : readdirSync(join(root, 'processes')).filter(f => f.endsWith('.bpmn')).sort().map(f => join(root, 'processes', f));

// Whitespace between tags and at line ends is all a reformat may change.
const squeeze = xml => xml.replace(/>\s+</g, '><').replace(/\s+/g, ' ').trim();

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `stored: …${a.slice(Math.max(0, i - 80), i + 80)}…\n    saved:  …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

let problems = 0;
for (const file of files) {
  const name = relative(root, file);
  const xml = readFileSync(file, 'utf8');
  const moddle = new BpmnModdle({ camunda });
  const { rootElement, warnings } = await moddle.fromXML(xml);
  for (const w of warnings) {
    console.log(`${name}: import warning: ${w.message}`);
    problems++;
  }
  // A linter per file: some rules keep state between runs.
  const linter = new Linter({ config, resolver: new NodeResolver({ require }) });
  const reports = await linter.lint(rootElement);
  for (const [rule, found] of Object.entries(reports)) {
    for (const r of found) {
      console.log(`${name}: ${r.category} ${r.id || ''} ${r.message} (${rule})`);
      problems++;
    }
  }
  const { xml: saved } = await moddle.toXML(rootElement, { format: true });
  if (squeeze(saved) !== squeeze(xml)) {
    console.log(`${name}: not as the Modeler saves it (bpmn-js saveXML would rewrite it)\n    ${firstDifference(squeeze(xml), squeeze(saved))}`);
    problems++;
  }
}
if (problems) {
  console.log(`${problems} problem(s) in ${files.length} model(s)`);
  process.exit(1);
}
console.log(`${files.length} model(s): bpmnlint clean, round trip unchanged`);

// Training pack: every model drawn by bpmn-js / dmn-js (the renderers of the Camunda webapps) in
// headless Chromium, and a handbook page per process, into docs/training/. Run from the
// repository root:  npm --prefix tools/training install && npm --prefix tools/training run pack
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import BpmnModdle from 'bpmn-moddle';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const out = join(root, 'docs', 'training');
mkdirSync(out, { recursive: true });
const list = (folder, ext) => readdirSync(join(root, folder)).filter(f => f.endsWith(ext)).sort();
const camundaModdle = JSON.parse(readFileSync(join(here, 'node_modules', 'camunda-bpmn-moddle', 'resources', 'camunda.json'), 'utf8'));

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-dev-shm-usage']
});
const page = await browser.newPage();
await page.setViewport({ width: 1600, height: 1000 });

async function fresh(script, css) {
  await page.setContent('<html><body><div id="canvas" style="width:1600px;height:1000px"></div></body></html>');
  for (const c of css) { await page.addStyleTag({ path: join(here, 'node_modules', c) }); }
  await page.addScriptTag({ path: join(here, 'node_modules', script) });
}

for (const file of list('processes', '.bpmn')) {
  await fresh('bpmn-js/dist/bpmn-viewer.production.min.js', ['bpmn-js/dist/assets/diagram-js.css', 'bpmn-js/dist/assets/bpmn-js.css']);
  const xml = readFileSync(join(root, 'processes', file), 'utf8');
  const svg = await page.evaluate(async (xml) => {
    const viewer = new BpmnJS({ container: '#canvas' });
    await viewer.importXML(xml);
    return (await viewer.saveSVG()).svg;
  }, xml);
  writeFileSync(join(out, file.replace('.bpmn', '.svg')), svg);
}

for (const file of list('dmn', '.dmn')) {
  await fresh('dmn-js/dist/dmn-viewer.production.min.js', ['dmn-js/dist/assets/dmn-js-shared.css', 'dmn-js/dist/assets/dmn-js-drd.css',
    'dmn-js/dist/assets/dmn-js-decision-table.css', 'dmn-js/dist/assets/diagram-js.css', 'dmn-js/dist/assets/dmn-font/css/dmn.css']);
  const xml = readFileSync(join(root, 'dmn', file), 'utf8');
  const key = file.replace('.dmn', '');
  const svg = await page.evaluate(async (xml, key) => {
    const viewer = new DmnJS({ container: '#canvas' });
    await viewer.importXML(xml);
    const drd = viewer.getViews().find(v => v.type === 'drd');
    await viewer.open(drd);
    const result = (await viewer.getActiveViewer().saveSVG()).svg;
    const table = viewer.getViews().find(v => v.type === 'decisionTable' && v.element.id === key);
    await viewer.open(table);
    return result;
  }, xml, key);
  writeFileSync(join(out, key + '.drd.svg'), svg);
  const table = await page.$('#canvas .tjs-container') || await page.$('#canvas');
  await table.screenshot({ path: join(out, key + '.table.png') });
}
await browser.close();

// Handbook: each step in order, who does it, its form's fields, its deadlines, where rules decide.
const moddle = new BpmnModdle({ camunda: camundaModdle });
const forms = Object.fromEntries(list('forms', '.form').map(f => {
  const form = JSON.parse(readFileSync(join(root, 'forms', f), 'utf8'));
  return [form.id, form];
}));
const kind = {
  'bpmn:StartEvent': 'Start', 'bpmn:EndEvent': 'End', 'bpmn:UserTask': 'Task for a person', 'bpmn:ServiceTask': 'Done by the system',
  'bpmn:BusinessRuleTask': 'Decided by the rules', 'bpmn:ExclusiveGateway': 'Decision', 'bpmn:ParallelGateway': 'In parallel',
  'bpmn:SubProcess': 'Stage', 'bpmn:CallActivity': 'Calls a process', 'bpmn:IntermediateCatchEvent': 'Waits',
  'bpmn:BoundaryEvent': 'Deadline or exception'
};
function timer(def) {
  const t = def.timeDate || def.timeDuration || def.timeCycle;
  return t ? t.body : '';
}
// Expressions a reader meets in names and due dates, in plain words.
const plainWords = {
  '${contactDueDate}': '72 hours after allocation',
  '${chaseDueDate}': 'by the next chase',
  '${agendaDesk.slotTitle(panelId, agendaCaseCode)}': '10:15-10:30 CODE: record the outcome (one per slot)',
  '${agendaDesk.slotEnd(panelId, agendaCaseCode)}': "at the slot's end",
  '${agendaDesk.sooSlotTitle(panelId, sooSlot)}': 'Your panel slot 10:15-10:30 on 5 January 2027 · CODE (one per SOO per slot)',
  '${agendaDesk.sooOfSlot(sooSlot)}': "the slot's SOO",
  '${agendaDesk.slotStart(panelId, agendaDesk.caseOfSlot(sooSlot))}': "at the slot's start",
  '${panelAttendance.acknowledgementTitle(panelId)}': 'Acknowledge confidentiality for the panel of (the meeting) (one per person named)',
  '${attendee}': 'the person named at attendance'
};
function plain(text) {
  return Object.entries(plainWords).reduce((t, [expression, words]) => t.split(expression).join(words), text || '');
}
function who(el) {
  const parts = [];
  if (el.assignee) parts.push('assigned to ' + plain(el.assignee.replace('${assignedSoo}', 'the allocated SOO')));
  if (el.candidateGroups) parts.push('offered to ' + el.candidateGroups);
  if (el.candidateUsers) parts.push('offered to ' + el.candidateUsers.replace('${caseSoos.candidates(caseCode)}', "the case's SOO(s)"));
  return parts.join('; ');
}
for (const file of list('processes', '.bpmn')) {
  const { rootElement } = await moddle.fromXML(readFileSync(join(root, 'processes', file), 'utf8'));
  const process = rootElement.rootElements.find(e => e.$type === 'bpmn:Process');
  const lines = [`# ${process.name}`, '', `Process \`${process.id}\`. ${process.documentation?.[0]?.text || ''}`, '',
    `![${process.name}](${file.replace('.bpmn', '.svg')})`, ''];
  const walk = (container, depth) => {
    const nodes = (container.flowElements || []).filter(e => e.$type !== 'bpmn:SequenceFlow');
    const flows = (container.flowElements || []).filter(e => e.$type === 'bpmn:SequenceFlow');
    const boundaries = nodes.filter(n => n.$type === 'bpmn:BoundaryEvent');
    const ordered = [];
    const queue = nodes.filter(n => (n.$type === 'bpmn:StartEvent'));
    const seen = new Set();
    while (queue.length) {
      const n = queue.shift();
      if (seen.has(n.id)) continue;
      seen.add(n.id); ordered.push(n);
      flows.filter(f => f.sourceRef.id === n.id).forEach(f => queue.push(f.targetRef));
      boundaries.filter(b => b.attachedToRef.id === n.id).forEach(b => queue.push(b));
    }
    nodes.filter(n => !seen.has(n.id)).forEach(n => ordered.push(n));
    for (const n of ordered) {
      if (!n.name && (n.$type.endsWith('Gateway') || n.$type === 'bpmn:StartEvent')) continue;
      const indent = '  '.repeat(depth);
      lines.push(`${indent}- **${plain(n.name) || n.id}** (${kind[n.$type] || n.$type.replace('bpmn:', '')})`);
      if (n.documentation?.[0]?.text) lines.push(`${indent}  ${n.documentation[0].text}`);
      if (who(n)) lines.push(`${indent}  Who: ${who(n)}.`);
      if (n.dueDate) lines.push(`${indent}  Due: ${plain(n.dueDate)}.`);
      const timers = (n.eventDefinitions || []).filter(d => d.$type === 'bpmn:TimerEventDefinition');
      timers.forEach(t => lines.push(`${indent}  Deadline: \`${timer(t)}\`${n.cancelActivity === false || n.isInterrupting === false ? ' (the work goes on)' : ''}.`));
      if (n.decisionRef) lines.push(`${indent}  Rules: decision table \`${n.decisionRef}\` (see ${n.decisionRef}.table.png).`);
      const form = forms[n.formRef];
      if (form) {
        const label = c => c.label || c.dateLabel || c.key;
        const field = c => label(c) + (c.validate?.required ? ' (required)' : '');
        // a dynamic list: its rows' fields, and whether the person adds as many rows as needed
        const list = c => `${c.label || c.path} (${c.allowAddRemove ? 'as many as needed' : 'one per line shown'}, each: `
          + `${c.components.filter(x => x.key && !x.readonly).map(field).join(', ')})`;
        const fields = form.components.filter(c => (c.key && !c.readonly) || (c.type === 'dynamiclist' && c.components))
          .map(c => (c.type === 'dynamiclist' ? list(c) : field(c)));
        const shown = form.components.filter(c => c.key && c.readonly).map(label);
        if (shown.length) lines.push(`${indent}  Shows: ${shown.join('; ')}.`);
        if (fields.length) lines.push(`${indent}  Records: ${fields.join('; ')}.`);
      }
      if (n.$type === 'bpmn:ExclusiveGateway') {
        const named = t => {
          // A merge gateway has no name: say where it leads.
          for (let i = 0; i < 5 && !t.name && t.$type.endsWith('Gateway'); i++) {
            const next = flows.find(f => f.sourceRef.id === t.id);
            if (!next) break;
            t = next.targetRef;
          }
          return plain(t.name) || t.id;
        };
        const outs = flows.filter(f => f.sourceRef.id === n.id).map(f => `${f.name || 'otherwise'} → ${named(f.targetRef)}`);
        lines.push(`${indent}  ${outs.join('; ')}.`);
      }
      if (n.flowElements) walk(n, depth + 1);
    }
  };
  walk(process, 0);
  writeFileSync(join(out, process.id + '.md'), lines.join('\n') + '\n');
}

const hashes = [];
for (const [folder, ext] of [['processes', '.bpmn'], ['dmn', '.dmn'], ['forms', '.form']]) {
  for (const f of list(folder, ext)) {
    hashes.push(createHash('sha256').update(readFileSync(join(root, folder, f))).digest('hex') + '  ' + folder + '/' + f);
  }
}
writeFileSync(join(out, 'models.sha256'), hashes.join('\n') + '\n');
console.log(`Training pack written to ${out}`);

import assert from 'node:assert/strict';
import { classifyFile } from '../../../src/engine/classify';
import { parseJs } from '../../../src/languages/js/parse';
import { sfcLayout } from '../../../src/languages/js/sfc';
import noDynamicEval from '../../../src/rules/js/no-dynamic-eval';
import noShellInjection from '../../../src/rules/js/no-shell-injection';
import noXss from '../../../src/rules/js/no-xss';
import { Analyzer, type RuleSetting } from '../../../src/engine/analyzer';
import { builtinAdapters } from '../../../src/languages';
import { builtinRules } from '../../../src/rules';
import { lint } from '../../lib/rule-tester';

const VUE = `<template>
  <div v-html="props.html"></div>
  <p>{{ a<b ? 'x' : 'y' }}</p>
  <!-- <div v-html="nope"></div> -->
  <template v-if="ok"><li v-for="(item, i) in items" :key="i" v-html="item"></li></template>
</template>

<script setup lang="ts">
const props = defineProps<{ html: string }>()
</script>
<script>
export default { name: 'X' }
</script>
<style>.a { color: red }</style>
`;

const SVELTE = `<script context="module">export const prerender = true;</script>
<script lang="ts">
  export let html: string;
</script>
<svelte:head><script type="application/ld+json">{"@type": "Thing"}</script></svelte:head>
<div class={a > b ? 'x' : 'y'}>{@html marked(html, { x: '}' })}</div>
{#each items as { title }, i}{@html title}{/each}
<!-- {@html nope} -->
<style>p { color: red }</style>`;

describe('JS/TS adapter: Vue and Svelte single-file components', () => {
  it('classifies .vue and .svelte files as JavaScript with their own dialect', () => {
    assert.deepEqual(classifyFile('src/components/UserBio.vue'), { language: 'js', dialect: 'vue' });
    assert.deepEqual(classifyFile('src/routes/+page.svelte'), { language: 'js', dialect: 'svelte' });
    assert.deepEqual(classifyFile('C:\\app\\App.VUE'), { language: 'js', dialect: 'vue' });
  });

  it('finds the top-level script blocks of a Vue file, with lang and setup', () => {
    const layout = sfcLayout(VUE, 'vue');
    assert.deepEqual(
      layout.scripts.map((s) => ({ code: VUE.slice(s.range[0], s.range[1]).trim(), dialect: s.dialect, setup: s.setup })),
      [
        { code: 'const props = defineProps<{ html: string }>()', dialect: 'ts', setup: true },
        { code: "export default { name: 'X' }", dialect: 'js', setup: false },
      ],
    );
    assert.deepEqual(layout.sinks.map((s) => [s.sink, VUE.slice(s.range[0], s.range[1])]), [['v-html', 'props.html'], ['v-html', 'item']]);
    assert.deepEqual([...layout.templateLocals].sort(), ['i', 'item']);
    assert.deepEqual(layout.comments.map((c) => c.value), [' <div v-html="nope"></div> ']);
  });

  it('finds the component scripts of a Svelte file, not the scripts of its markup', () => {
    const layout = sfcLayout(SVELTE, 'svelte');
    assert.deepEqual(
      layout.scripts.map((s) => ({ code: SVELTE.slice(s.range[0], s.range[1]).trim(), dialect: s.dialect, module: s.module })),
      [
        { code: 'export const prerender = true;', dialect: 'js', module: true },
        { code: 'export let html: string;', dialect: 'ts', module: false },
      ],
    );
    assert.deepEqual(layout.sinks.map((s) => SVELTE.slice(s.range[0], s.range[1])), ["marked(html, { x: '}' })", 'title']);
    assert.ok(layout.templateLocals.has('title') && layout.templateLocals.has('i'));
  });

  it('parses each block at its place: offsets, lines and columns are the file\'s', () => {
    const parsed = parseJs(SVELTE, 'X.svelte');
    assert.deepEqual(parsed.syntaxErrors, []);
    const [moduleExport, instanceExport] = parsed.root.program.body;
    assert.equal(SVELTE.slice(moduleExport.start!, moduleExport.end!), 'export const prerender = true;');
    assert.deepEqual({ ...moduleExport.loc!.start }, { line: 1, column: 25, index: 25 });
    assert.equal(SVELTE.slice(instanceExport.start!, instanceExport.end!), 'export let html: string;');
    assert.equal(instanceExport.loc!.start.line, 3);
    assert.equal(instanceExport.loc!.start.column, 2);
    assert.deepEqual([parsed.root.program.start, parsed.root.program.end], [0, SVELTE.length]);
  });

  it('parses the script blocks as one program at their places in the file', () => {
    const parsed = parseJs(VUE, 'X.vue');
    assert.deepEqual(parsed.syntaxErrors, []);
    const [decl, exported] = parsed.root.program.body;
    assert.equal(VUE.slice(decl.start!, decl.end!), 'const props = defineProps<{ html: string }>()');
    assert.equal(decl.loc!.start.line, 9);
    assert.equal(decl.loc!.start.column, 0);
    assert.equal(VUE.slice(exported.start!, exported.end!), "export default { name: 'X' }");
    assert.ok(parsed.sfc);
    assert.ok(parsed.comments.some((c) => c.value.includes('v-html="nope"')), 'markup comments are comments');
  });

  it('parses a file without scripts, an unclosed script and stray markup without errors', () => {
    for (const text of ['', '<template><p>{{ x }}</p></template>', '<script>\nconst a = 1;', '<div>< p>a < b</div><', '{@html', '<template><div v-html="</template>']) {
      assert.doesNotThrow(() => parseJs(text, 'A.vue'));
      assert.doesNotThrow(() => parseJs(text, 'A.svelte'));
    }
    const unclosed = parseJs('<script>\nconst a = 1;', 'A.svelte');
    assert.equal(unclosed.root.program.body.length, 1);
  });

  it('keeps two blocks from running into each other (no ASI across blocks)', () => {
    const text = '<script>\nconst a = b\n</script>\n<script setup>\n(function () {})()\n</script>';
    const parsed = parseJs(text, 'A.vue');
    assert.deepEqual(parsed.syntaxErrors, []);
    assert.equal(parsed.root.program.body.filter((s) => s.type !== 'EmptyStatement').length, 2);
  });

  it('scans a large or hostile component in linear time', () => {
    const big = `<template>\n${'<div v-html="props.a" :class="{ a: b }">{{ x < y }}</div>\n'.repeat(20_000)}</template>\n<script setup>\nconst props = defineProps(['a']);\n</script>`;
    const hostile = `${'<'.repeat(200_000)}${'{'.repeat(200_000)}${'<a b="'.repeat(20_000)}`;
    for (const [text, dialect] of [[big, 'vue'], [hostile, 'vue'], [hostile, 'svelte'], [`${'{@html '.repeat(50_000)}`, 'svelte']] as const) {
      const started = performance.now();
      sfcLayout(text, dialect);
      assert.ok(performance.now() - started < 1500, `${dialect}: ${(performance.now() - started).toFixed(0)} ms`);
    }
    assert.equal(sfcLayout(big, 'vue').sinks.length, 20_000);
  });

  it('runs the JS/TS rules on the script blocks, at the places in the file', () => {
    const vue = `<template>\n  <button @click="run">Run</button>\n</template>\n\n<script>\nimport { exec } from 'node:child_process';\nexport default defineEventHandler((event) => {});\napp.get('/x', (req, res) => {\n  exec(req.query.cmd);\n});\n</script>`;
    const findings = lint(noShellInjection, vue, 'server.vue');
    assert.deepEqual(findings.map((f) => [f.start.line, f.start.column, vue.slice(f.range[0], f.range[1])]), [[9, 8, 'req.query.cmd']]);
    const svelte = `<h1>Title</h1>\n<script>\n  const code = new URLSearchParams(location.search).get('c');\n  eval(code);\n</script>`;
    assert.deepEqual(lint(noDynamicEval, svelte, 'A.svelte').map((f) => f.start.line), [4]);
  });

  it('does not read the markup as code: a call written in the template is not reported', () => {
    const vue = `<template>\n  <p>eval(location.hash)</p>\n  <button @click="eval(location.hash)">x</button>\n</template>\n<script setup>\nconst a = 1;\n</script>`;
    assert.deepEqual(lint(noDynamicEval, vue, 'A.vue'), []);
  });

  it('honours a suppression written as an HTML comment in the template', () => {
    const rules = builtinRules;
    const analyzer = new Analyzer({ rules, adapters: builtinAdapters });
    const settings = new Map<string, RuleSetting>([[noXss.id, { severity: 'error', options: {} }], ['rampart/invalid-suppression', { severity: 'warning', options: {} }]]);
    const text = `<template>\n  <!-- rampart-ignore-next-line js/no-xss -- the bio is sanitized by the API before it is stored -->\n  <div v-html="props.bio"></div>\n  <div v-html="props.bio"></div>\n</template>\n<script setup>\nconst props = defineProps(['bio']);\n</script>`;
    const result = analyzer.analyze({ file: 'Bio.vue', text, settings });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === noXss.id).map((f) => [f.start.line, !!f.suppressed]), [[3, true], [4, false]]);
  });
});

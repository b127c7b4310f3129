import assert from 'node:assert/strict';
import { renderedDocument } from '../../../src/languages/yaml/rendered';
import { chartOf, goFloat, renderHelmTemplate } from '../../../src/languages/yaml/helm';
import { renderWithNeighbours } from '../../../src/languages/yaml/render';

const CHART = { file: '../Chart.yaml', text: 'apiVersion: v2\nname: web\nversion: 0.1.0\nappVersion: "1.4.2"\n' };
const render = (template: string, values: string) => renderHelmTemplate(template, { chart: CHART, values: { file: '../values.yaml', text: values } }).text;
const notRendered = (template: string, values = '') => assert.throws(() => render(template, values), /./);

describe('Helm templates rendered with values.yaml', () => {
  it('finds the chart of a template among the neighbours', () => {
    const values = { file: '../values.yaml', text: 'a: 1\n' };
    assert.deepEqual(chartOf('web/templates/deploy.yaml', [CHART, values]), { chart: CHART, values });
    assert.equal(chartOf('web/templates/sub/deploy.yaml', [CHART, values]), undefined, 'one folder deeper needs ../../Chart.yaml');
    assert.ok(chartOf('web/templates/sub/deploy.yaml', [{ ...CHART, file: '../../Chart.yaml' }]));
    assert.equal(chartOf('web/templates/_helpers.yaml', [CHART]), undefined, 'partials are not rendered');
    assert.equal(chartOf('web/manifests/deploy.yaml', [CHART]), undefined, 'not under templates/');
  });

  it('writes values, trims whitespace, drops comments, quotes and falls back to defaults', () => {
    const template = [
      'a: {{ .Values.s }}',
      'b: {{ .Values.n }}',
      'c: {{ .Values.s | quote }}',
      '{{- /* a comment */}}',
      'd: {{ .Values.missing | default "x" }}',
      'e: {{ .Values.off | default true }}',
      'f: {{- " trimmed" }}',
      'g: {{ .Release.Name }}/{{ .Release.Namespace }}/{{ .Chart.Name }}/{{ .Chart.AppVersion }}',
      'h: {{ .Values.missing }}',
      'i: {{ printf "%s:%d" .Values.s .Values.n }}',
      '',
    ].join('\n');
    assert.equal(
      render(template, 's: hello\nn: 8080\noff: false\n'),
      'a: hello\nb: 8080\nc: "hello"\nd: x\ne: true\nf: trimmed\ng: release-name/release-namespace/web/1.4.2\nh: \ni: hello:8080\n',
    );
  });

  it('prints values.yaml numbers as Helm does (float64)', () => {
    assert.equal(goFloat(8080), '8080');
    assert.equal(goFloat(1000000), '1e+06');
    assert.equal(goFloat(1234567), '1.234567e+06');
    assert.equal(goFloat(0.5), '0.5');
    assert.equal(render('r: {{ .Values.n }}\n', 'n: 1000000\n'), 'r: 1e+06\n');
  });

  it('renders toYaml with nindent/indent, if/else and with/else', () => {
    const template = [
      'spec:',
      '  {{- with .Values.sc }}',
      '  securityContext:',
      '    {{- toYaml . | nindent 4 }}',
      '  {{- end }}',
      '  {{- if .Values.debug }}',
      '  debug: on',
      '  {{- else if .Values.trace }}',
      '  trace: on',
      '  {{- else }}',
      '  quiet: true',
      '  {{- end }}',
      '  {{- with .Values.none }}',
      '  none: {{ . }}',
      '  {{- else }}',
      '  none: nothing',
      '  {{- end }}',
      '  list:',
      '{{ toYaml .Values.list | indent 4 }}',
      '',
    ].join('\n');
    const values = 'sc:\n  runAsNonRoot: true\n  capabilities:\n    drop: [ALL]\ndebug: false\ntrace: 0\nlist:\n  - a\n  - {b: c}\n';
    assert.equal(
      render(template, values),
      'spec:\n  securityContext:\n    runAsNonRoot: true\n    capabilities:\n      drop:\n        - ALL\n  quiet: true\n  none: nothing\n  list:\n    - a\n    - b: c\n',
    );
  });

  it('leaves out what it does not model: include, range, define, variables, unknown functions, .Files, a field of nothing', () => {
    notRendered('a: {{ include "x" . }}\n');
    notRendered('{{ range .Values.l }}a: {{ . }}{{ end }}\n', 'l: [1]\n');
    notRendered('{{ define "x" }}a{{ end }}\n');
    notRendered('{{ $x := .Values.a }}a: {{ $x }}\n', 'a: 1\n');
    notRendered('a: {{ .Values.a | b64enc }}\n', 'a: x\n');
    notRendered('a: {{ .Files.Get "x" }}\n');
    notRendered('a: {{ .Values.a.b }}\n', 'c: 1\n');
    notRendered('a: {{ .Values.m }}\n', 'm: {x: 1}\n');
    notRendered('a: {{ required "set it" .Values.a }}\n');
    notRendered('{{ if .Values.a }}a: 1\n', 'a: true\n');
    notRendered('a: {{ .Values.a\n');
  });

  it('refuses a render that is not valid YAML', () => {
    notRendered('a: {{ .Values.s }}\n', 's: "b: c: d"\n');
  });

  it('stops an alias bomb in values.yaml and an output past the bound, quickly', () => {
    const letters = 'abcdefghij';
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...letters.slice(1).split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${letters[i]}`).join(', ')}]`), 'big: *j', ''].join('\n');
    const started = performance.now();
    notRendered('a: {{ toYaml .Values.big | nindent 2 }}\n', bomb);
    notRendered('a: 1\n', bomb);
    assert.ok(performance.now() - started < 3000, 'bounded');
    notRendered(`${'{{ if .Values.a }}'.repeat(100)}x${'{{ end }}'.repeat(100)}\n`, 'a: 1\n');
  });

  it('maps verbatim text to the template and what a directive writes to the directive, related to values.yaml', () => {
    const template = 'kind: Pod\nspec:\n  hostNetwork: {{ .Values.host }}\n';
    const rendered = renderHelmTemplate(template, { chart: CHART, values: { file: '../values.yaml', text: '# host\nhost: true\n' } });
    assert.equal(rendered.text, 'kind: Pod\nspec:\n  hostNetwork: true\n');
    const doc = renderedDocument(rendered, template);
    const value = rendered.text.indexOf('true');
    const directive = template.indexOf('{{');
    assert.deepEqual(doc.locate!([value, value + 4])!.range, [directive, template.length - 1]);
    const related = doc.locate!([value, value + 4])!.related;
    assert.deepEqual(related.map((r) => [r.file, r.start.line, r.message]), [['../values.yaml', 2, 'set by values.yaml:2']]);
    const key = rendered.text.indexOf('hostNetwork');
    assert.deepEqual(doc.locate!([key, key + 11])!.range, [template.indexOf('hostNetwork'), template.indexOf('hostNetwork') + 11]);
    assert.equal(doc.editable(key, key + 11), true, 'verbatim text is editable');
    assert.equal(doc.editable(value, value + 4), false, 'a written value is not');
  });

  it('renders through renderWithNeighbours only with a chart, and never throws', () => {
    assert.equal(renderWithNeighbours('web/templates/a.yaml', 'a: {{ .Values.x }}\n', []), null);
    assert.ok(renderWithNeighbours('web/templates/a.yaml', 'a: {{ .Values.x }}\n', [CHART, { file: '../values.yaml', text: 'x: 1\n' }]));
    assert.equal(renderWithNeighbours('web/templates/a.yaml', 'a: {{ include "x" . }}\n', [CHART]), null);
    assert.equal(renderWithNeighbours('web/templates/a.yaml', 'a: 1\n', [CHART, { file: '../values.yaml', text: '{{{ not yaml' }]), null);
  });
});

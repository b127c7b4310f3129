import { isSeq } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor } from '../../engine/types';
import {
  actionName,
  actionVersion,
  entriesOf,
  ghaFiles,
  removeWithInput,
  setWithInput,
  stringOf,
  versionBefore,
  withoutBraces,
  type GhaFile,
  type GhaJob,
  type GhaStep,
  type GhaString,
  type GhaTrigger,
} from './model';

/**
 * How an action restores a cache. `always`: it is a cache action (reported unless `lookup-only: true`);
 * `opt-in`: when the input is set to a value other than false/empty; `default-on`: unless the input
 * turns it off (`off` is the value that does).
 */
type CacheControl =
  | { kind: 'always' }
  | { kind: 'opt-in'; input: string }
  | { kind: 'default-on'; input: string; off: string; since?: readonly number[] };

/** Actions that restore the GitHub Actions cache, by name (lower case). */
const CACHE_ACTIONS: ReadonlyMap<string, CacheControl> = new Map<string, CacheControl>([
  ['actions/cache', { kind: 'always' }],
  ['actions/cache/restore', { kind: 'always' }],
  ['swatinem/rust-cache', { kind: 'always' }],
  ['actions/setup-node', { kind: 'opt-in', input: 'cache' }],
  ['actions/setup-python', { kind: 'opt-in', input: 'cache' }],
  ['actions/setup-java', { kind: 'opt-in', input: 'cache' }],
  ['actions/setup-dotnet', { kind: 'opt-in', input: 'cache' }],
  ['astral-sh/setup-uv', { kind: 'opt-in', input: 'enable-cache' }],
  ['ruby/setup-ruby', { kind: 'opt-in', input: 'bundler-cache' }],
  ['actions-rust-lang/setup-rust-toolchain', { kind: 'opt-in', input: 'cache' }],
  ['graalvm/setup-graalvm', { kind: 'opt-in', input: 'cache' }],
  // setup-go caches by default since v4.0.0; `cache: false` turns it off.
  ['actions/setup-go', { kind: 'default-on', input: 'cache', off: 'false', since: [4] }],
  // setup-gradle restores its cache by default (read-only off the default branch); `cache-disabled: true` turns it off.
  ['gradle/actions/setup-gradle', { kind: 'default-on', input: 'cache-disabled', off: 'true' }],
]);

/** Actions that publish what the workflow built (packages, releases, images). */
const PUBLISH_ACTIONS = new Set([
  'pypa/gh-action-pypi-publish',
  'softprops/action-gh-release',
  'ncipollo/release-action',
  'svenstaro/upload-release-action',
  'actions/create-release',
  'actions/upload-release-asset',
  'goreleaser/goreleaser-action',
  'rubygems/release-gem',
  'js-devtools/npm-publish',
  'jreleaser/release-action',
  'redhat-actions/push-to-registry',
]);

/** Commands that publish a package, an image or a release, each tested on one line of a script. */
const PUBLISH_COMMAND =
  /(?:^|[\s;&|(])(?:(?:npm|pnpm|bun|vsce|ovsx|poetry|flit|hatch|pdm|uv|cargo|lerna)\s+publish|yarn\s+(?:npm\s+)?publish|twine\s+upload|gem\s+push|nuget\s+push|docker\s+(?:image\s+)?push|gh\s+release\s+(?:create|upload)|goreleaser\s+release|helm\s+push)(?=[\s;&|)]|$)/;
/** Build tools whose publishing goal can come after other arguments: the tool, then the goal, on one line. */
const PUBLISH_GOALS: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/(?:^|[\s;&|(])docker\s+buildx\s+build\b/, /\s--push(?=[\s;&|)=]|$)/],
  [/(?:^|[\s;&|(])(?:\.\/)?mvnw?\s/, /\sdeploy(?=[\s;&|)]|$)/],
  [/(?:^|[\s;&|(])(?:\.\/)?gradlew?\s/, /\spublish\w*(?=[\s;&|)]|$)/],
];

/** The line of a script that publishes, if any. */
function publishCommand(script: string): string | undefined {
  return script.split('\n').find((line) => PUBLISH_COMMAND.test(line) || PUBLISH_GOALS.some(([tool, goal]) => tool.test(line) && goal.test(line)));
}

export default defineRule({
  id: 'github-actions/no-cache-in-release',
  languages: ['yaml'],
  meta: {
    description: 'Release workflows that publish must not restore the GitHub Actions cache, which any workflow of the repo can poison',
    severity: 'warning',
    category: 'iac',
    riskArea: 'supply-chain',
    cwe: ['CWE-349', 'CWE-494'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      cacheInRelease:
        "This workflow runs on {{event}} and publishes ({{publisher}}), and this step restores the GitHub Actions cache ({{how}}). The default branch's cache is shared with every workflow that runs there, including those an outsider can trigger (pull_request_target, issue_comment, issues): code injected into any of them, even one without write permissions, can plant an entry that ends up in the released artifact. Build releases without the cache.",
      setOff: "Set '{{input}}: {{value}}' to build without the cache",
      removeInput: "Remove '{{input}}' to build without the cache",
      nodeCacheOff: "Replace 'cache' with 'package-manager-cache: false' to build without the cache",
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          const trigger = releaseTrigger(file);
          if (!trigger) continue;
          const publishers = file.jobs.map((job) => ({ job, step: job.steps.find(publishes) })).filter((p): p is { job: GhaJob; step: GhaStep } => p.step !== undefined);
          if (publishers.length === 0) continue;
          const own = new Map(publishers.map((p) => [p.job, p]));
          const fed = fedPublishers(file, publishers);
          for (const job of file.jobs) {
            const publisher = own.get(job) ?? (uploads(job) ? fed.get(job.id) : undefined);
            if (!publisher) continue;
            for (const step of job.steps) {
              const cache = cacheUse(context.text, step);
              if (!cache) continue;
              context.report({
                range: cache.range,
                messageId: 'cacheInRelease',
                data: { event: trigger.name === 'push' ? 'tag pushes' : `'${trigger.name}'`, publisher: describe(publisher.step), how: cache.how },
                related: [
                  { message: 'the release trigger', range: trigger.range },
                  { message: 'what the workflow publishes', range: (publisher.step.uses ?? publisher.step.run)!.range },
                ],
                ...(cache.fix ? { suggest: [cache.fix] } : {}),
              });
            }
          }
        }
      },
    };
  },
});

/** `release`, or `push` filtered to tags. */
function releaseTrigger(file: GhaFile): GhaTrigger | undefined {
  const on = entriesOf((file.entries.get('on') ?? file.entries.get('true'))?.value);
  return file.triggers.find((t) => t.name === 'release' || (t.name === 'push' && entriesOf(on.get('push')?.value).has('tags')));
}

function publishes(step: GhaStep): boolean {
  if (step.run) return publishCommand(step.run.value) !== undefined;
  if (!step.uses) return false;
  const name = actionName(step.uses.value);
  if (name === 'docker/build-push-action') return step.with.get('push')?.value.trim().toLowerCase() === 'true';
  return PUBLISH_ACTIONS.has(name);
}

function uploads(job: GhaJob): boolean {
  return job.steps.some((s) => s.uses && actionName(s.uses.value) === 'actions/upload-artifact');
}

/**
 * The jobs whose artifacts a publishing job can download, by id: those it needs, directly or through other
 * jobs, when it downloads artifacts. Each maps to the first such publisher.
 */
function fedPublishers<P extends { job: GhaJob }>(file: GhaFile, publishers: readonly P[]): Map<string, P> {
  const byId = new Map(file.jobs.map((j) => [j.id, j]));
  const fed = new Map<string, P>();
  for (const publisher of publishers) {
    if (!publisher.job.steps.some((s) => s.uses && actionName(s.uses.value) === 'actions/download-artifact')) continue;
    const seen = new Set<string>();
    const queue = [publisher.job];
    while (queue.length > 0) {
      for (const id of idsOf(queue.pop()!.entries.get('needs')?.value ?? null)) {
        if (seen.has(id)) continue;
        seen.add(id);
        if (!fed.has(id)) fed.set(id, publisher);
        const next = byId.get(id);
        if (next) queue.push(next);
      }
    }
  }
  return fed;
}

/** `needs: build` or `needs: [build, test]`. */
function idsOf(node: unknown): string[] {
  const one = stringOf(node);
  if (one) return [one.value];
  return isSeq(node) ? node.items.map(stringOf).filter((s): s is GhaString => s !== undefined).map((s) => s.value) : [];
}

interface CacheUse {
  range: GhaString['range'];
  how: string;
  fix?: FixDescriptor;
}

/** How a step restores the cache, or undefined when it does not (or the input is an expression). */
function cacheUse(text: string, step: GhaStep): CacheUse | undefined {
  if (!step.uses) return undefined;
  const name = actionName(step.uses.value);
  if (name === 'docker/build-push-action') return buildCache(text, step);
  const control = CACHE_ACTIONS.get(name);
  if (!control) return undefined;
  if (control.kind === 'always') {
    if (step.with.get('lookup-only')?.value.trim().toLowerCase() === 'true') return undefined;
    return { range: step.uses.range, how: `${name} restores saved files into the job` };
  }
  const input = step.with.get(control.input);
  const value = input?.value.trim().toLowerCase();
  if (value?.includes('${{')) return undefined;
  if (control.kind === 'opt-in') {
    if (!input || value === '' || value === 'false') return undefined;
    return { range: input.range, how: `'${control.input}: ${input.value}'`, ...optInFix(text, step, name, control.input, value === 'true') };
  }
  if (value === control.off) return undefined;
  if (!input && control.since) {
    const version = actionVersion(text, step.uses);
    if (version && versionBefore(version, control.since) === true) return undefined;
  }
  if (input && value !== 'true' && value !== 'false') return undefined;
  const edits = setWithInput(text, step, control.input, control.off);
  return {
    range: (input ?? step.uses).range,
    how: input ? `'${control.input}: ${input.value}'` : `${name} caches unless '${control.input}: ${control.off}'`,
    ...(edits ? { fix: { messageId: 'setOff', data: { input: control.input, value: control.off }, edits } } : {}),
  };
}

/**
 * Turns an opt-in cache off: `true` becomes `false`, other values (`cache: npm`) are removed. setup-node
 * v5 and later also cache npm projects without the input, so there the input becomes
 * `package-manager-cache: false` (tags before v5 get the removal).
 */
function optInFix(text: string, step: GhaStep, name: string, input: string, boolean: boolean): { fix?: FixDescriptor } {
  if (boolean) {
    const edits = setWithInput(text, step, input, 'false');
    return edits ? { fix: { messageId: 'setOff', data: { input, value: 'false' }, edits } } : {};
  }
  const version = actionVersion(text, step.uses!);
  if (name === 'actions/setup-node' && !(version && versionBefore(version, [5]) === true)) {
    const entry = entriesOf(step.entries.get('with')?.value).get(input)!;
    const value = stringOf(entry.value);
    if (!value || text.slice(entry.keyRange[0], value.range[1]).includes('\n')) return {};
    return { fix: { messageId: 'nodeCacheOff', edits: [{ range: [entry.keyRange[0], value.range[1]], text: 'package-manager-cache: false' }] } };
  }
  const edits = removeWithInput(text, step, input);
  return edits ? { fix: { messageId: 'removeInput', data: { input }, edits } } : {};
}

/** docker/build-push-action reading the layer cache from the GitHub Actions cache (`cache-from: type=gha`). */
function buildCache(text: string, step: GhaStep): CacheUse | undefined {
  const from = step.with.get('cache-from');
  if (!from || !/(?:^|[\s,])type=gha(?:[\s,]|$)/m.test(from.value)) return undefined;
  const edits = removeWithInput(text, step, 'cache-from');
  return { range: from.range, how: "'cache-from: type=gha'", ...(edits ? { fix: { messageId: 'removeInput', data: { input: 'cache-from' }, edits } } : {}) };
}

function describe(step: GhaStep): string {
  if (step.uses) return actionName(step.uses.value);
  const line = withoutBraces(publishCommand(step.run!.value)?.trim() ?? '');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

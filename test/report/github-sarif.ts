/**
 * GitHub code scanning's documented requirements for an uploaded SARIF file, as a checker for tests. Sources:
 * docs.github.com, "SARIF support for code scanning" (required properties of sarifLog, run, toolComponent,
 * reportingDescriptor, result, location and physicalLocation objects; `security-severity` range; `precision`
 * values; `automationDetails.id`; the limits table) and "About code scanning limits on SARIF results" (hard limits),
 * and github/codeql-action's `upload-sarif`, which computes `primaryLocationLineHash` itself and warns about any
 * other value under that key. The official JSON schema is checked separately (sarif.test.ts).
 */

/** Hard limits: a file over any of them is rejected. */
export const LIMITS = {
  runsPerFile: 20,
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  locationsPerResult: 10,
  relatedLocationsPerResult: 1_000,
  threadFlowLocationsPerResult: 10_000,
  tagsPerRule: 20,
  descriptionLength: 1024,
  ruleNameLength: 255,
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const array = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Every way `log` breaks GitHub's upload requirements, as `path: problem`; empty when it would be accepted. */
export function githubUploadProblems(log: unknown): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (!isObject(log)) return ['log: not an object'];
  if (!nonEmpty(log.$schema)) fail('$schema', 'required');
  if (log.version !== '2.1.0') fail('version', 'must be 2.1.0');
  const runs = array(log.runs);
  if (runs.length === 0) fail('runs', 'at least one run is required');
  if (runs.length > LIMITS.runsPerFile) fail('runs', `more than ${LIMITS.runsPerFile}`);
  runs.forEach((run, r) => checkRun(run, `runs[${r}]`, fail));
  return problems;
}

function checkRun(run: unknown, where: string, fail: (where: string, what: string) => void): void {
  if (!isObject(run)) return fail(where, 'not an object');
  const driver = isObject(run.tool) ? run.tool.driver : undefined;
  if (!isObject(driver)) return fail(`${where}.tool.driver`, 'required');
  if (!nonEmpty(driver.name)) fail(`${where}.tool.driver.name`, 'required');
  if (!Array.isArray(driver.rules)) fail(`${where}.tool.driver.rules`, 'required');
  const rules = array(driver.rules);
  if (rules.length > LIMITS.rulesPerRun) fail(`${where}.tool.driver.rules`, `more than ${LIMITS.rulesPerRun}`);
  const ruleIds = new Set<string>();
  rules.forEach((rule, i) => {
    const at = `${where}.tool.driver.rules[${i}]`;
    if (!isObject(rule)) return fail(at, 'not an object');
    if (!nonEmpty(rule.id)) fail(`${at}.id`, 'required');
    else ruleIds.add(rule.id);
    if (rule.name !== undefined && (typeof rule.name !== 'string' || rule.name.length > LIMITS.ruleNameLength)) fail(`${at}.name`, `at most ${LIMITS.ruleNameLength} characters`);
    for (const key of ['shortDescription', 'fullDescription'] as const) {
      const text = isObject(rule[key]) ? (rule[key] as Json).text : undefined;
      if (!nonEmpty(text)) fail(`${at}.${key}.text`, 'required');
      else if (text.length > LIMITS.descriptionLength) fail(`${at}.${key}.text`, `longer than ${LIMITS.descriptionLength} characters`);
    }
    if (!nonEmpty(isObject(rule.help) ? rule.help.text : undefined)) fail(`${at}.help.text`, 'required');
    const level = isObject(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
    if (level !== undefined && !['note', 'warning', 'error'].includes(level as string)) fail(`${at}.defaultConfiguration.level`, 'must be note, warning or error');
    const props = isObject(rule.properties) ? rule.properties : {};
    if (props.precision !== undefined && !['very-high', 'high', 'medium', 'low'].includes(props.precision as string)) fail(`${at}.properties.precision`, 'must be very-high, high, medium or low');
    const tags = props.tags;
    if (tags !== undefined && (!Array.isArray(tags) || tags.some((t) => !nonEmpty(t)))) fail(`${at}.properties.tags`, 'must be non-empty strings');
    if (array(tags).length > LIMITS.tagsPerRule) fail(`${at}.properties.tags`, `more than ${LIMITS.tagsPerRule}`);
    const severity = props['security-severity'];
    if (severity !== undefined) {
      const score = typeof severity === 'string' && /^\d+(\.\d+)?$/.test(severity) ? Number(severity) : NaN;
      if (!(score > 0 && score <= 10)) fail(`${at}.properties.security-severity`, 'must be a string with a score above 0.0 up to 10.0');
      if (!array(tags).includes('security')) fail(`${at}.properties.tags`, 'a rule with a security-severity needs the "security" tag');
    }
  });
  if (run.automationDetails !== undefined && !nonEmpty(isObject(run.automationDetails) ? run.automationDetails.id : undefined)) fail(`${where}.automationDetails.id`, 'must be a non-empty string');
  const bases = isObject(run.originalUriBaseIds) ? run.originalUriBaseIds : {};
  for (const [id, base] of Object.entries(bases)) {
    const uri = isObject(base) ? base.uri : undefined;
    if (typeof uri !== 'string' || !uri.startsWith('file:///') || !uri.endsWith('/')) fail(`${where}.originalUriBaseIds.${id}`, 'must be a file:// URI ending with "/"');
  }
  if (!Array.isArray(run.results)) return fail(`${where}.results`, 'required');
  if (run.results.length > LIMITS.resultsPerRun) fail(`${where}.results`, `more than ${LIMITS.resultsPerRun}`);
  run.results.forEach((result, i) => checkResult(result, `${where}.results[${i}]`, ruleIds, bases, fail));
}

function checkResult(result: unknown, at: string, ruleIds: ReadonlySet<string>, bases: Json, fail: (where: string, what: string) => void): void {
  if (!isObject(result)) return fail(at, 'not an object');
  if (!nonEmpty(result.ruleId)) fail(`${at}.ruleId`, 'required (code scanning filters by it)');
  else if (!ruleIds.has(result.ruleId)) fail(`${at}.ruleId`, `"${result.ruleId}" is not a rule of the run`);
  if (!nonEmpty(isObject(result.message) ? result.message.text : undefined)) fail(`${at}.message.text`, 'required');
  const locations = array(result.locations);
  if (locations.length === 0) fail(`${at}.locations`, 'at least one location is required');
  if (locations.length > LIMITS.locationsPerResult) fail(`${at}.locations`, `more than ${LIMITS.locationsPerResult}`);
  locations.forEach((l, i) => checkLocation(l, `${at}.locations[${i}]`, bases, fail, true));
  const related = array(result.relatedLocations);
  if (related.length > LIMITS.relatedLocationsPerResult) fail(`${at}.relatedLocations`, `more than ${LIMITS.relatedLocationsPerResult}`);
  related.forEach((l, i) => checkLocation(l, `${at}.relatedLocations[${i}]`, bases, fail, false));
  array(result.codeFlows).forEach((flow, f) => {
    array(isObject(flow) ? flow.threadFlows : undefined).forEach((thread, t) => {
      const steps = array(isObject(thread) ? thread.locations : undefined);
      if (steps.length > LIMITS.threadFlowLocationsPerResult) fail(`${at}.codeFlows[${f}].threadFlows[${t}]`, `more than ${LIMITS.threadFlowLocationsPerResult} locations`);
      steps.forEach((s, i) => checkLocation(isObject(s) ? s.location : undefined, `${at}.codeFlows[${f}].threadFlows[${t}].locations[${i}].location`, bases, fail, false));
    });
  });
  const fingerprints = result.partialFingerprints;
  if (!isObject(fingerprints) || Object.keys(fingerprints).length === 0 || Object.values(fingerprints).some((v) => !nonEmpty(v))) {
    fail(`${at}.partialFingerprints`, 'required, with non-empty values');
  } else if ('primaryLocationLineHash' in fingerprints) {
    fail(`${at}.partialFingerprints.primaryLocationLineHash`, "reserved: upload-sarif computes it from the file and warns when it differs");
  }
}

function checkLocation(location: unknown, at: string, bases: Json, fail: (where: string, what: string) => void, primary: boolean): void {
  const physical = isObject(location) ? location.physicalLocation : undefined;
  if (!isObject(physical)) return fail(`${at}.physicalLocation`, 'required');
  const artifact = isObject(physical.artifactLocation) ? physical.artifactLocation : undefined;
  const uri = artifact?.uri;
  if (!nonEmpty(uri)) return fail(`${at}.physicalLocation.artifactLocation.uri`, 'required');
  if (uri.split('/').includes('..') || uri.startsWith('./')) fail(`${at}.physicalLocation.artifactLocation.uri`, `"${uri}" climbs out of the repository root`);
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(uri);
  if (!absolute && uri.startsWith('/')) fail(`${at}.physicalLocation.artifactLocation.uri`, `"${uri}" is an absolute path without a scheme`);
  if (!absolute) {
    const base = artifact?.uriBaseId;
    if (typeof base !== 'string' || !(base in bases)) fail(`${at}.physicalLocation.artifactLocation.uriBaseId`, 'a relative URI needs a base id defined in originalUriBaseIds');
  }
  const region = isObject(physical.region) ? physical.region : undefined;
  if (!region) {
    if (primary) fail(`${at}.physicalLocation.region`, 'required');
    return;
  }
  const positive = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;
  for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) {
    if (!positive(region[key])) fail(`${at}.physicalLocation.region.${key}`, 'required, a whole number from 1');
  }
  if (positive(region.startLine) && positive(region.endLine) && (region.endLine as number) < (region.startLine as number)) fail(`${at}.physicalLocation.region.endLine`, 'before startLine');
}

import type { LanguageAdapter } from '../../engine/language';
import { YamlHelpers } from './helpers';
import { parseYaml, type YamlNode, type YamlParsedFile } from './parse';
import { renderedDocument } from './rendered';
import { renderWithNeighbours } from './render';
import { traverseYaml } from './traverse';

export { YamlHelpers, type YamlPathSegment } from './helpers';
export { MAX_YAML_DEPTH, MAX_YAML_DOCUMENTS, parseYaml, type YamlDocument, type YamlFile, type YamlNode, type YamlParsedFile } from './parse';
export { forEachYamlPair, traverseYaml, yamlChildren, yamlKind } from './traverse';
export { renderWithNeighbours } from './render';
export { isKustomization, isRemote, joinRelative, kustomizationReferences, KUSTOMIZATION_NAMES } from './kustomize';

/**
 * The YAML adapter (Kubernetes manifests, GitHub Actions workflows, compose files): the `yaml`
 * package's CST parser and composer, every document of a stream, `#` comments. A Helm template or a
 * kustomization given its neighbours (the chart's values, the bases and patches) also yields the YAML it renders
 * to, which the Kubernetes rules read with their findings placed back in the file.
 */
export const yamlAdapter: LanguageAdapter<YamlNode, YamlHelpers> = {
  id: 'yaml',
  lineComment: '#',
  parse: (text) => parseYaml(text),
  traverse: (parsed, visitors) => traverseYaml((parsed as YamlParsedFile).root, visitors),
  createHelpers: (parsed, _text, unit) => new YamlHelpers(parsed as YamlParsedFile, unit?.neighbours ?? []),
  embedded(text, classification, unit) {
    if (classification.dialect !== 'yaml') return [];
    const rendered = renderWithNeighbours(unit.file, text, unit.neighbours);
    return rendered ? [renderedDocument(rendered, text)] : [];
  },
};

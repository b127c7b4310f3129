import type { LanguageAdapter } from '../../engine/language';
import { YamlHelpers } from './helpers';
import { parseYaml, type YamlNode, type YamlParsedFile } from './parse';
import { traverseYaml } from './traverse';

export { YamlHelpers, type YamlPathSegment } from './helpers';
export { MAX_YAML_DEPTH, MAX_YAML_DOCUMENTS, parseYaml, type YamlDocument, type YamlFile, type YamlNode, type YamlParsedFile } from './parse';
export { traverseYaml, yamlChildren, yamlKind } from './traverse';

/**
 * The YAML adapter (Kubernetes manifests, GitHub Actions workflows, compose files): the `yaml`
 * package's CST parser and composer, every document of a stream, `#` comments.
 */
export const yamlAdapter: LanguageAdapter<YamlNode, YamlHelpers> = {
  id: 'yaml',
  lineComment: '#',
  parse: (text) => parseYaml(text),
  traverse: (parsed, visitors) => traverseYaml((parsed as YamlParsedFile).root, visitors),
  createHelpers: (parsed) => new YamlHelpers(parsed as YamlParsedFile),
};

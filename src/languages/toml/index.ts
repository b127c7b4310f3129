import type { LanguageAdapter } from '../../engine/language';
import { TomlHelpers } from './helpers';
import { parseToml, type TomlNode, type TomlParsedFile } from './parse';
import { traverseToml } from './traverse';

export { scanTomlComments } from './comments';
export { TomlHelpers } from './helpers';
export { MAX_TOML_DEPTH, parseToml, type TomlFile, type TomlNode, type TomlParsedFile } from './parse';
export { traverseToml } from './traverse';

/** The TOML adapter (`pyproject.toml`, `Pipfile`, agent configs): smol-toml, `#` comments. */
export const tomlAdapter: LanguageAdapter<TomlNode, TomlHelpers> = {
  id: 'toml',
  lineComment: '#',
  parse: (text) => parseToml(text),
  traverse: (parsed, visitors) => traverseToml(parsed.root, visitors),
  createHelpers: (parsed, text) => new TomlHelpers(parsed as TomlParsedFile, text),
};

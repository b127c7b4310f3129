import type { LanguageAdapter } from '../engine/language';
import { dockerfileAdapter } from './dockerfile';
import { jsAdapter } from './js';
import { jsonAdapter } from './json';
import { pythonAdapter } from './python';
import { terraformAdapter } from './terraform';
import { textAdapter } from './text';
import { tomlAdapter } from './toml';
import { yamlAdapter } from './yaml';

/** Every built-in language adapter. */
export const builtinAdapters: readonly LanguageAdapter[] = [
  jsAdapter as LanguageAdapter,
  jsonAdapter as LanguageAdapter,
  pythonAdapter as LanguageAdapter,
  tomlAdapter as LanguageAdapter,
  textAdapter as LanguageAdapter,
  yamlAdapter as LanguageAdapter,
  dockerfileAdapter as LanguageAdapter,
  terraformAdapter as LanguageAdapter,
];

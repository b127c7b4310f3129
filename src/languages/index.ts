import type { LanguageAdapter } from '../engine/language';
import { jsAdapter } from './js';

/** Every built-in language adapter. */
export const builtinAdapters: readonly LanguageAdapter[] = [jsAdapter as LanguageAdapter];

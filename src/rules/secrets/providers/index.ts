import type { ProviderPattern } from '../provider';
import { AI_PATTERNS } from './ai';
import { CHAT_PATTERNS } from './chat';
import { CLOUD_PATTERNS } from './cloud';
import { CODE_PATTERNS } from './code';
import { DATABASE_PATTERNS } from './databases';
import { KEY_PATTERNS } from './keys';
import { PAYMENT_PATTERNS } from './payments';
import { SAAS_PATTERNS } from './saas';

/**
 * Every provider format, most specific first (on overlapping matches the earlier row wins). Within a family, a
 * context row that names a more specific provider precedes the generic prefix it shares (Gemini before Google
 * API keys); across families, provider formats precede the generic structures (database URLs, then JWTs, whose
 * Supabase service-role variant sits in the cloud family and so wins over the generic `jwt` row).
 */
export const PROVIDER_PATTERNS: readonly ProviderPattern[] = [
  ...AI_PATTERNS,
  ...CLOUD_PATTERNS,
  ...CODE_PATTERNS,
  ...CHAT_PATTERNS,
  ...PAYMENT_PATTERNS,
  ...SAAS_PATTERNS,
  ...DATABASE_PATTERNS,
  ...KEY_PATTERNS,
];

/** The rows by family, for documentation and tests. */
export const PROVIDER_FAMILIES: Readonly<Record<string, readonly ProviderPattern[]>> = {
  ai: AI_PATTERNS,
  cloud: CLOUD_PATTERNS,
  code: CODE_PATTERNS,
  chat: CHAT_PATTERNS,
  payments: PAYMENT_PATTERNS,
  saas: SAAS_PATTERNS,
  databases: DATABASE_PATTERNS,
  keys: KEY_PATTERNS,
};

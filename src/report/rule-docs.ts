/** Home of the Rampart repository; rule documentation lives under `docs/rules/`. */
export const REPOSITORY_URL = 'https://github.com/rampart-security/rampart';

/** URL of a rule's documentation page, e.g. `…/blob/main/docs/rules/js/no-disabled-tls.md`. */
export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId.split('/').map(encodeURIComponent).join('/')}.md`;
}

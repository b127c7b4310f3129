import type { Rule } from '../../engine/rule';
import noCodeInjection from './no-code-injection';
import noCsrfExempt from './no-csrf-exempt';
import noDisabledTls from './no-disabled-tls';
import noDjangoInsecureSettings from './no-django-insecure-settings';
import noFlaskDebug from './no-flask-debug';
import noHardcodedJwtSecret from './no-hardcoded-jwt-secret';
import noHardcodedSecretKey from './no-hardcoded-secret-key';
import noHeaderInjection from './no-header-injection';
import noInsecureCookie from './no-insecure-cookie';
import noInsecureRandom from './no-insecure-random';
import noJwtMisuse from './no-jwt-misuse';
import noLangchainDangerousTools from './no-langchain-dangerous-tools';
import noLdapInjection from './no-ldap-injection';
import noLogInjection from './no-log-injection';
import noMassAssignment from './no-mass-assignment';
import noRequestDataInSession from './no-request-data-in-session';
import noNosqlInjection from './no-nosql-injection';
import noOpenRedirect from './no-open-redirect';
import noPathTraversal from './no-path-traversal';
import noPermissiveCors from './no-permissive-cors';
import noRedos from './no-redos';
import noSecretInPrompt from './no-secret-in-prompt';
import noShellInjection from './no-shell-injection';
import noSqlInjection from './no-sql-injection';
import noSsrf from './no-ssrf';
import noTemplateInjection from './no-template-injection';
import noUnsafeDeserialization from './no-unsafe-deserialization';
import noUnsafeModelLoad from './no-unsafe-model-load';
import noUnvalidatedAgentTool from './no-unvalidated-agent-tool';
import noUserInputInSystemPrompt from './no-user-input-in-system-prompt';
import noWeakCipher from './no-weak-cipher';
import noWeakHash from './no-weak-hash';
import noXpathInjection from './no-xpath-injection';
import noXss from './no-xss';
import noXxe from './no-xxe';
import requireMaxTokensInLoop from './require-max-tokens-in-loop';

/** The Python rules (pattern rules on resolved names and constants, injection and agent rules on the value flow); registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [
  noCodeInjection,
  noCsrfExempt,
  noDisabledTls,
  noDjangoInsecureSettings,
  noFlaskDebug,
  noHardcodedJwtSecret,
  noHardcodedSecretKey,
  noHeaderInjection,
  noInsecureCookie,
  noInsecureRandom,
  noJwtMisuse,
  noLangchainDangerousTools,
  noLdapInjection,
  noLogInjection,
  noMassAssignment,
  noRequestDataInSession,
  noNosqlInjection,
  noOpenRedirect,
  noPathTraversal,
  noPermissiveCors,
  noRedos,
  noSecretInPrompt,
  noShellInjection,
  noSqlInjection,
  noSsrf,
  noTemplateInjection,
  noUnsafeDeserialization,
  noUnsafeModelLoad,
  noUnvalidatedAgentTool,
  noUserInputInSystemPrompt,
  noWeakCipher,
  noWeakHash,
  noXpathInjection,
  noXss,
  noXxe,
  requireMaxTokensInLoop,
] as Rule[];

/**
 * The Python precision corpus: the Python sources of Debian's packages of web frameworks, HTTP and database
 * clients, template engines, ORMs and crypto libraries (the code AI-written Python calls), scanned with every
 * built-in rule that reads Python at its default severity. Shared by `bench/python-corpus.ts` (prints figures,
 * writes the record) and `test/corpus/python-precision.test.ts` (compares with the record).
 *
 * Every finding on this code is presumed a false positive until a person justifies it in
 * `bench/corpus/python-findings.json` (same format as the secrets record: findings with a justification each,
 * plus the version of every package read). A package that is not installed is left out, and the record is
 * compared only on packages installed at the recorded version: `scripts/corpus/install-debian.sh` installs them
 * (`.ci/run` calls it).
 */
import { builtinRules } from '../../src/index';
import { scanSecretsCorpus, type SecretsCorpusScan, type SecretsCorpusSource } from './secrets-scan';

/** Path of the checked-in record, relative to the repository root. */
export const PYTHON_RECORD_PATH = 'bench/corpus/python-findings.json';

/** The Debian packages read (their `.py` files, as dpkg installed them). */
export const PYTHON_SOURCES: readonly SecretsCorpusSource[] = [
  ...[
    // Web frameworks and their parts.
    'python3-flask', 'python3-werkzeug', 'python3-jinja2', 'python3-itsdangerous', 'python3-click', 'python3-django',
    'python3-fastapi', 'python3-starlette', 'python3-aiohttp', 'python3-tornado',
    // HTTP clients.
    'python3-requests', 'python3-urllib3', 'python3-httpx', 'python3-httpcore',
    // Databases and data formats.
    'python3-sqlalchemy', 'python3-pymongo', 'python3-psycopg2', 'python3-pymysql', 'python3-lxml', 'python3-yaml', 'python3-ldap3',
    // Auth, crypto, remote shells, cloud SDKs.
    'python3-jwt', 'python3-oauthlib', 'python3-cryptography', 'python3-openssl', 'python3-paramiko', 'python3-boto3', 'python3-s3transfer',
  ].map((name): SecretsCorpusSource => ({ kind: 'debian', package: name })),
  // Its `data/` folder is generated AWS service models (JSON), not code.
  { kind: 'debian', package: 'python3-botocore', exclude: ['/usr/lib/python3/dist-packages/botocore/data/'] },
];

/** Every built-in rule that reads Python (the Python rules, the secrets engine, the supply-chain rules on imports). */
export const PYTHON_RULES: readonly string[] = builtinRules.filter((r) => r.languages.includes('python')).map((r) => r.id);

/** Record comment: what the file is and how it is kept. */
export const PYTHON_RECORD_COMMENT =
  'Findings of the rules that read Python on the Python precision corpus (bench/corpus/python-scan.ts). Written by ' +
  '`npm run bench:python -- --write`, which keeps justifications of findings that still match. Every justification is ' +
  'written by a person: "true positive: …" or "accepted: …". test/corpus/python-precision.test.ts fails on any finding ' +
  'not recorded here or recorded without a justification, for the packages installed at the recorded version.';

/** Reads and analyses the Python files of every corpus package installed here. */
export function scanPythonCorpus(root: string): Promise<SecretsCorpusScan> {
  return scanSecretsCorpus(root, { sources: PYTHON_SOURCES, ruleIds: PYTHON_RULES, languages: ['python'] });
}

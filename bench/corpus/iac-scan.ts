/**
 * The IaC precision corpus: real infrastructure code as its authors publish it — production CloudFormation modules
 * (`@cfn-modules/*`) and their example stacks, the AWS CDK bootstrap stack, AWS's and SAM's sample templates (the
 * valid test templates of cfn-lint), GitHub Actions workflows shipped inside npm packages, Dockerfiles and compose
 * files of Docker tools and Ansible collections, and Terraform configurations (HashiCorp's terraform-json test
 * data) — scanned with every built-in rule at its default severity. Shared by `bench/iac-corpus.ts` (prints
 * figures, writes the record), `bench/iac-speed.ts` (reuses the file list) and `test/corpus/iac-precision.test.ts`
 * (compares with the record).
 *
 * Every finding on this code is presumed a false positive until a person justifies it in
 * `bench/corpus/iac-findings.json` (the format of the Python and secrets records: findings with a justification
 * each, plus the version of every source read). npm sources are dev dependencies locked by package-lock.json;
 * a Debian source that is not installed is left out, and the record is compared only on sources installed at the
 * recorded version.
 */
import type { Classification } from '../../src/engine/classify';
import { builtinRules, type LanguageId } from '../../src/index';
import { scanSecretsCorpus, type SecretsCorpusScan, type SecretsCorpusSource } from './secrets-scan';

/** Path of the checked-in record, relative to the repository root. */
export const IAC_RECORD_PATH = 'bench/corpus/iac-findings.json';

/** The adapters that read infrastructure code: Terraform, Dockerfiles, YAML (CloudFormation, Kubernetes, workflows, compose), JSON (CloudFormation). */
export const IAC_LANGUAGES: readonly LanguageId[] = ['terraform', 'dockerfile', 'yaml', 'json'];

/**
 * `@cfn-modules/*`: widdix's production CloudFormation modules (VPC, ALB, ECS/Fargate, RDS/Aurora, S3, KMS, Lambda,
 * SQS, DynamoDB, ElastiCache, EFS, CloudFront, bastions…), each with `module.yml`, its example stacks under `test/`
 * and its CI workflows. Read whole; the modules they bundle under `node_modules/` are not read twice.
 */
const CFN_MODULES = [
  'acm-wildcard-certificate-public', 'alb', 'alb-listener', 'alb-redirect-to-https', 'alerting', 'asg-singleton-amazon-linux2',
  'client-sg', 'cloudfront', 'cloudwatch-dashboard', 'cognito-userpool', 'dynamodb-table', 'ebs-volume', 'ec2-instance-amazon-linux',
  'ec2-instance-amazon-linux2', 'ecs-alb-target', 'ecs-cluster', 'ecs-nlb-listener-and-target', 'efs-file-system', 'elasticache-redis',
  'fargate-service', 'kinesis-data-stream', 'kms-key', 'lambda-event-source-cron', 'lambda-event-source-dynamodb-stream',
  'lambda-event-source-sqs-queue', 'lambda-event-source-webhook', 'lambda-function', 'nlb', 'rds-aurora-serverless', 'rds-instance',
  'rds-mysql', 'rds-postgres', 'route53-hosted-zone-private', 'route53-hosted-zone-public', 'route53-hosted-zone-wrapper', 's3-bucket',
  'secret', 'sqs-queue', 'ssh-bastion', 'vpc', 'vpc-flow-log', 'vpc-nat-gateway', 'vpc-plain', 'vpc-subnet',
].map((name): SecretsCorpusSource => ({ kind: 'npm', package: `@cfn-modules/${name}` }));

/**
 * Packages already in the dependency tree (Fastify's and Pino's, mostly) that publish their `.github/workflows`:
 * real CI of real projects (test matrices, releases, reusable-workflow calls, lock-threads).
 */
const WORKFLOW_PACKAGES = [
  '@fastify/ajv-compiler', '@fastify/deepmerge', '@fastify/error', '@fastify/fast-json-stringify-compiler', '@fastify/forwarded',
  '@fastify/merge-json-schemas', '@fastify/proxy-addr', '@pinojs/redact', 'avvio', 'eslint-plugin-security', 'fast-json-stringify',
  'fast-uri', 'find-my-way', 'json-schema-ref-resolver', 'json-schema-traverse', 'light-my-request', 'napi-build-utils',
  'on-exit-leak-free', 'pino-abstract-transport', 'pino-std-serializers', 'process-warning', 'quick-format-unescaped', 'reusify',
  'rfdc', 'safe-regex2', 'secure-json-parse', 'simple-get', 'thread-stream',
].map((name): SecretsCorpusSource => ({ kind: 'npm', package: name, include: ['.github/workflows/'] }));

/** npm sources: dev dependencies (or their dependencies) locked by package-lock.json, the same on every machine after `npm ci`. */
export const IAC_NPM_SOURCES: readonly SecretsCorpusSource[] = [
  ...CFN_MODULES,
  // The stack `cdk bootstrap` deploys into every CDK account: IAM roles, KMS key, S3 staging bucket, ECR repository.
  { kind: 'npm', package: 'aws-cdk', include: ['lib/api/bootstrap/'] },
  // AWS's sample templates (WordPress, LAMP…) and SAM's examples. Its `invalid/` templates are broken on purpose.
  { kind: 'npm', package: 'cfn-lint', include: ['testData/valid/'] },
  // Bitnami's CI and release workflows and the tool's Dockerfile.
  { kind: 'npm', package: '@bitnami/readme-generator-for-helm' },
  // A Dockerfile linter's own Dockerfile and compose file and its examples of the official images (nginx, mysql, redis…).
  { kind: 'npm', package: 'dockerfilelint' },
  ...WORKFLOW_PACKAGES,
];

const ANSIBLE = '/usr/lib/python3/dist-packages/ansible_collections/';
const IMAGEBUILDER = '/usr/share/gocode/src/github.com/openshift/imagebuilder/dockerfile/parser/testfiles/';

/**
 * Debian sources, read where installed (`scripts/corpus/install-debian.sh`). Only their infrastructure files are
 * listed: Ansible alone is 250 MB of Python and playbooks.
 */
export const IAC_DEBIAN_SOURCES: readonly SecretsCorpusSource[] = [
  // Terraform configurations HashiCorp wrote to test `terraform show -json` (modules, providers, outputs, variables).
  // (Its JSON there is what Terraform generated from them: plans, state, provider schemas.)
  {
    kind: 'debian',
    package: 'golang-github-hashicorp-terraform-json-dev',
    include: ['/usr/share/gocode/src/github.com/hashicorp/terraform-json/testdata/'],
    languages: ['terraform'],
  },
  // Dockerfiles of real images (InfluxDB, nginx, Nagios, Docker's own…) kept as parser test files; the edge cases are left out.
  {
    kind: 'debian',
    package: 'golang-github-openshift-imagebuilder-dev',
    include: ['brimstone-consuldock', 'brimstone-docker-consul', 'cpuguy83-nagios', 'docker', 'influxdb', 'mail', 'mumble', 'nginx', 'tf2', 'weechat', 'znc']
      .map((name) => `${IMAGEBUILDER}${name}/`),
  },
  { kind: 'debian', package: 'golang-github-fsouza-go-dockerclient-dev', include: ['/usr/share/gocode/src/github.com/fsouza/go-dockerclient/testing/data/Dockerfile'] },
  // podman-compose's examples (AWX, busybox).
  { kind: 'debian', package: 'podman-compose', include: ['/usr/share/doc/podman-compose/examples/'] },
  // Ansible collections' test containers, dev stacks and OpenShift manifests.
  {
    kind: 'debian',
    package: 'ansible',
    include: [
      'community/mysql/test-containers/',
      'community/okd/ci/',
      'community/okd/molecule/default/files/',
      'community/zabbix/docker-compose.yml',
      'cyberark/conjur/dev/',
      'cyberark/conjur/roles/conjur_host_identity/tests/',
    ].map((path) => `${ANSIBLE}${path}`),
  },
];

/** The whole corpus, in the order it is read. */
export const IAC_SOURCES: readonly SecretsCorpusSource[] = [...IAC_NPM_SOURCES, ...IAC_DEBIAN_SOURCES];

/** Every built-in rule: the IaC rules, and every other rule that reads these files (secrets, supply chain). */
export const IAC_RULES: readonly string[] = builtinRules.map((r) => r.id);

/** Record comment: what the file is and how it is kept. */
export const IAC_RECORD_COMMENT =
  'Findings of every built-in rule on the IaC precision corpus (bench/corpus/iac-scan.ts). Written by ' +
  '`npm run bench:iac -- --write`, which keeps justifications of findings that still match. Every justification is ' +
  'written by a person: "true positive: …" or "accepted: …". test/corpus/iac-precision.test.ts fails on any finding ' +
  'not recorded here or recorded without a justification, for the sources installed at the recorded version.';

/** What a corpus file is, for the figures per platform. */
export type IacPlatform = 'cloudformation' | 'kubernetes' | 'github-actions' | 'compose' | 'dockerfile' | 'terraform' | 'other yaml/json';

const CLOUDFORMATION = /^(?:AWSTemplateFormatVersion|Transform)\s*:|"AWSTemplateFormatVersion"\s*:|^\s+Type:\s*['"]?AWS::|"Type"\s*:\s*"AWS::/m;
const KUBERNETES = /^apiVersion:\s*\S/m;
const KUBERNETES_KIND = /^kind:\s*[A-Z]/m;

/**
 * The platform of a corpus file, for the figures the bench prints: the classifier's dialect, else a look at the
 * text (CloudFormation's `AWSTemplateFormatVersion` or `AWS::` resource types, Kubernetes' top-level `apiVersion`
 * and `kind`). A heuristic for reporting only: the rules decide for themselves what they read.
 */
export function iacPlatform(classification: Classification, text: string): IacPlatform {
  if (classification.language === 'terraform' || classification.language === 'dockerfile') return classification.language;
  if (classification.dialect === 'github-workflow' || classification.dialect === 'github-action') return 'github-actions';
  if (classification.dialect === 'compose') return 'compose';
  if (CLOUDFORMATION.test(text)) return 'cloudformation';
  if (classification.language === 'yaml' && KUBERNETES.test(text) && KUBERNETES_KIND.test(text)) return 'kubernetes';
  return 'other yaml/json';
}

/** Reads and analyses the infrastructure files of every corpus source installed here. */
export function scanIacCorpus(root: string): Promise<SecretsCorpusScan> {
  return scanSecretsCorpus(root, { sources: IAC_SOURCES, ruleIds: IAC_RULES, languages: IAC_LANGUAGES });
}

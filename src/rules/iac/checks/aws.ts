import type { AttributeCheck } from '../attribute-check';

/** KMS key specs that cannot rotate automatically (asymmetric, HMAC, SM2). */
const ASYMMETRIC_KEY_SPECS = ['RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'SM2'];

/** AWS managed policies that make the holder an administrator (or one call away from it), in every partition. */
const ADMIN_POLICY_ARNS = ['aws', 'aws-us-gov', 'aws-cn'].flatMap((partition) => [`arn:${partition}:iam::aws:policy/AdministratorAccess`, `arn:${partition}:iam::aws:policy/IAMFullAccess`]);

/** AWS settings checked across Terraform and CloudFormation. Each default is cited in `references`. */
export const AWS_CHECKS: readonly AttributeCheck[] = [
  {
    id: 'aws/require-kms-key-rotation',
    description: 'Symmetric KMS keys must rotate their key material',
    severity: 'warning',
    cwe: ['CWE-320'],
    riskArea: 'development',
    risk: 'the same key material encrypts data for the key’s whole life, so a leaked or cryptanalysed key exposes everything it ever protected',
    why: [
      'KMS keeps the old key material after a rotation, so rotation costs nothing in availability: data',
      'encrypted before is still decrypted, and new data uses new material. Without it one key version protects',
      'years of data, and compliance frameworks (CIS AWS 3.6, PCI DSS 3.6.4) require yearly rotation.',
      'Asymmetric and HMAC keys cannot rotate automatically and are not reported.',
    ].join('\n'),
    howToFix: 'Turn on automatic rotation (yearly by default; `rotation_period_in_days` / `RotationPeriodInDays` can shorten it).',
    references: [
      { title: 'Terraform: aws_kms_key (enable_key_rotation defaults to false)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key' },
      { title: 'CloudFormation: AWS::KMS::Key EnableKeyRotation (default false)', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kms-key.html' },
      { title: 'AWS KMS: Rotating keys', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html' },
    ],
    terraform: [
      {
        types: ['aws_kms_key'],
        path: ['enable_key_rotation'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        unless: [{ path: ['customer_master_key_spec'], oneOf: ASYMMETRIC_KEY_SPECS }, { path: ['key_spec'], oneOf: ASYMMETRIC_KEY_SPECS }],
        example: {
          incorrect: 'resource "aws_kms_key" "uploads" {\n  description             = "Customer uploads"\n  deletion_window_in_days = 30\n}\n',
          correct: 'resource "aws_kms_key" "uploads" {\n  description             = "Customer uploads"\n  deletion_window_in_days = 30\n  enable_key_rotation     = true\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::KMS::Key'],
        path: ['EnableKeyRotation'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        unless: [{ path: ['KeySpec'], oneOf: ASYMMETRIC_KEY_SPECS }],
        example: {
          incorrect: 'Resources:\n  UploadsKey:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: Customer uploads\n      EnableKeyRotation: false\n',
          correct: 'Resources:\n  UploadsKey:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: Customer uploads\n      EnableKeyRotation: true\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-ecr-scan-on-push',
    description: 'ECR repositories must scan images for vulnerabilities when they are pushed',
    severity: 'info',
    cwe: ['CWE-1104'],
    riskArea: 'supply-chain',
    risk: 'images with known-vulnerable packages are stored and deployed without anyone being told',
    why: [
      'Basic scanning on push checks every new image against the CVE database for free and lists the findings',
      'in the console and EventBridge. Without it, a base image with a critical vulnerability is deployed unseen.',
      'A registry-wide `aws_ecr_registry_scanning_configuration` (enhanced scanning) also covers this; suppress',
      'with that reason if you use it.',
    ].join('\n'),
    howToFix: 'Turn on scan on push (or enhanced scanning for the registry).',
    references: [
      { title: 'Terraform: aws_ecr_repository (scan_on_push defaults to false)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_repository' },
      { title: 'CloudFormation: AWS::ECR::Repository ImageScanningConfiguration', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecr-repository-imagescanningconfiguration.html' },
    ],
    terraform: [
      {
        types: ['aws_ecr_repository'],
        path: ['image_scanning_configuration', 'scan_on_push'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect: 'resource "aws_ecr_repository" "api" {\n  name                 = "api"\n  image_tag_mutability = "IMMUTABLE"\n}\n',
          correct: 'resource "aws_ecr_repository" "api" {\n  name                 = "api"\n  image_tag_mutability = "IMMUTABLE"\n\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::ECR::Repository'],
        path: ['ImageScanningConfiguration', 'ScanOnPush'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect: 'Resources:\n  ApiRepository:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: api\n      ImageTagMutability: IMMUTABLE\n',
          correct: 'Resources:\n  ApiRepository:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: api\n      ImageTagMutability: IMMUTABLE\n      ImageScanningConfiguration:\n        ScanOnPush: true\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-ecr-immutable-tags',
    description: 'ECR repositories must make image tags immutable',
    severity: 'warning',
    cwe: ['CWE-345'],
    riskArea: 'supply-chain',
    risk: 'anyone who can push may overwrite a released tag, and every deployment that pulls it runs the new image',
    why: [
      'With mutable tags, `api:1.4.2` can be pushed again with different content: a compromised CI job or',
      'developer credential replaces a released image, and clusters pulling by tag run it on their next restart.',
      'Immutable tags make a tag name a promise; deploy by digest for the same guarantee on the consumer side.',
    ].join('\n'),
    howToFix: 'Set tag mutability to `IMMUTABLE` (use new tags for new builds, never re-push `latest`-style tags).',
    references: [
      { title: 'Terraform: aws_ecr_repository (image_tag_mutability defaults to MUTABLE)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_repository' },
      { title: 'CloudFormation: AWS::ECR::Repository ImageTagMutability', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecr-repository.html' },
    ],
    terraform: [
      {
        types: ['aws_ecr_repository'],
        path: ['image_tag_mutability'],
        expect: { oneOf: ['IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION'] },
        default: 'MUTABLE',
        fix: 'IMMUTABLE',
        example: {
          incorrect: 'resource "aws_ecr_repository" "api" {\n  name                 = "api"\n  image_tag_mutability = "MUTABLE"\n}\n',
          correct: 'resource "aws_ecr_repository" "api" {\n  name                 = "api"\n  image_tag_mutability = "IMMUTABLE"\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::ECR::Repository'],
        path: ['ImageTagMutability'],
        expect: { oneOf: ['IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION'] },
        default: 'MUTABLE',
        fix: 'IMMUTABLE',
        example: {
          incorrect: 'Resources:\n  ApiRepository:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: api\n',
          correct: 'Resources:\n  ApiRepository:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: api\n      ImageTagMutability: IMMUTABLE\n',
        },
      },
    ],
  },
  {
    id: 'aws/no-unauthenticated-lambda-url',
    description: 'Lambda function URLs must require IAM authentication',
    severity: 'warning',
    cwe: ['CWE-306'],
    riskArea: 'operation',
    risk: 'anyone on the internet who finds the URL can invoke the function, and pays for it with your account',
    why: [
      'A function URL with authorization type `NONE` is a public HTTPS endpoint: no API key, no throttling',
      'plan and no WAF in front. Agent tools and model back ends exposed this way can be called by anyone who',
      'guesses or leaks the URL. Use `AWS_IAM` (SigV4-signed callers), or put API Gateway with an authorizer in front.',
      'A function that must be public (a webhook) checks a signature itself: suppress with that reason.',
    ].join('\n'),
    howToFix: 'Set the authorization type to `AWS_IAM` and grant callers `lambda:InvokeFunctionUrl`.',
    references: [
      { title: 'Terraform: aws_lambda_function_url (authorization_type is required)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function_url' },
      { title: 'CloudFormation: AWS::Lambda::Url AuthType', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-url.html' },
      { title: 'AWS Lambda: Security and auth model for function URLs', url: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html' },
    ],
    terraform: [
      {
        types: ['aws_lambda_function_url'],
        path: ['authorization_type'],
        expect: { noneOf: ['NONE'] },
        fix: 'AWS_IAM',
        example: {
          incorrect: 'resource "aws_lambda_function_url" "agent_tool" {\n  function_name      = aws_lambda_function.agent_tool.function_name\n  authorization_type = "NONE"\n}\n',
          correct: 'resource "aws_lambda_function_url" "agent_tool" {\n  function_name      = aws_lambda_function.agent_tool.function_name\n  authorization_type = "AWS_IAM"\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::Lambda::Url'],
        path: ['AuthType'],
        expect: { noneOf: ['NONE'] },
        fix: 'AWS_IAM',
        example: {
          incorrect: 'Resources:\n  AgentToolUrl:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: !GetAtt AgentTool.Arn\n      AuthType: NONE\n',
          correct: 'Resources:\n  AgentToolUrl:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: !GetAtt AgentTool.Arn\n      AuthType: AWS_IAM\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-cloudtrail-log-validation',
    description: 'CloudTrail trails must validate their log files',
    severity: 'warning',
    cwe: ['CWE-354'],
    riskArea: 'oversight',
    risk: 'an intruder who reaches the log bucket can edit or delete records of what they did, and nobody can tell',
    why: [
      'Log file validation writes a signed digest every hour, so `aws cloudtrail validate-logs` proves whether',
      'a log file was changed or removed after delivery. Without it, the audit trail of an incident is only as',
      'trustworthy as the bucket’s permissions (CIS AWS 3.2).',
    ].join('\n'),
    howToFix: 'Turn on log file validation.',
    references: [
      { title: 'Terraform: aws_cloudtrail (enable_log_file_validation defaults to false)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail' },
      { title: 'CloudFormation: AWS::CloudTrail::Trail EnableLogFileValidation', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html' },
    ],
    terraform: [
      {
        types: ['aws_cloudtrail'],
        path: ['enable_log_file_validation'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect: 'resource "aws_cloudtrail" "main" {\n  name                          = "main"\n  s3_bucket_name                = aws_s3_bucket.trail.id\n  is_multi_region_trail         = true\n  include_global_service_events = true\n}\n',
          correct: 'resource "aws_cloudtrail" "main" {\n  name                          = "main"\n  s3_bucket_name                = aws_s3_bucket.trail.id\n  is_multi_region_trail         = true\n  include_global_service_events = true\n  enable_log_file_validation    = true\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::CloudTrail::Trail'],
        path: ['EnableLogFileValidation'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect: 'Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n      S3BucketName: !Ref TrailBucket\n      IsMultiRegionTrail: true\n',
          correct: 'Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n      S3BucketName: !Ref TrailBucket\n      IsMultiRegionTrail: true\n      EnableLogFileValidation: true\n',
        },
      },
    ],
  },
  {
    id: 'aws/no-admin-policy-attachment',
    description: 'IAM roles, users and groups must not get the AdministratorAccess or IAMFullAccess managed policy',
    severity: 'error',
    cwe: ['CWE-269', 'CWE-250'],
    riskArea: 'development',
    risk: 'whoever can act as it — a CI job, a Lambda function, an agent with tools — can do anything in the account, including granting itself more and deleting the audit trail',
    why: [
      '`AdministratorAccess` allows every action on every resource; `IAMFullAccess` lets the holder write its own',
      'policies, so it becomes an administrator one call later. Attached to a workload role, a leaked credential or a',
      'prompt-injected agent with tool access owns the account. Break-glass administrator roles exist; give them MFA',
      'and a trust policy limited to people, and suppress the finding with that reason.',
    ].join('\n'),
    howToFix: 'Attach a policy with the actions the workload needs on its own resources (IAM Access Analyzer can generate one from CloudTrail), or a narrower AWS managed job-function policy.',
    references: [
      { title: 'AWS: AdministratorAccess managed policy', url: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html' },
      { title: 'AWS: IAMFullAccess managed policy', url: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMFullAccess.html' },
      { title: 'Terraform: aws_iam_role_policy_attachment', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role_policy_attachment' },
      { title: 'CloudFormation: AWS::IAM::Role ManagedPolicyArns', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html' },
    ],
    terraform: [
      {
        types: ['aws_iam_role_policy_attachment', 'aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment', 'aws_iam_policy_attachment'],
        path: ['policy_arn'],
        expect: { noneOf: ADMIN_POLICY_ARNS },
        example: {
          incorrect: 'resource "aws_iam_role_policy_attachment" "agent" {\n  role       = aws_iam_role.agent.name\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n',
          correct: 'resource "aws_iam_role_policy_attachment" "agent" {\n  role       = aws_iam_role.agent.name\n  policy_arn = aws_iam_policy.agent_tools.arn\n}\n',
        },
      },
      {
        types: ['aws_iam_role'],
        path: ['managed_policy_arns'],
        expect: { noneOf: ADMIN_POLICY_ARNS },
        example: {
          incorrect: 'resource "aws_iam_role" "deploy" {\n  name                = "deploy"\n  assume_role_policy  = data.aws_iam_policy_document.trust.json\n  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]\n}\n',
          correct: 'resource "aws_iam_role" "deploy" {\n  name                = "deploy"\n  assume_role_policy  = data.aws_iam_policy_document.trust.json\n  managed_policy_arns = [aws_iam_policy.deploy.arn]\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
        path: ['ManagedPolicyArns'],
        expect: { noneOf: ADMIN_POLICY_ARNS },
        example: {
          incorrect: 'Resources:\n  AgentRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AdministratorAccess\n',
          correct: 'Resources:\n  AgentRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\n',
        },
      },
    ],
  },
];

import type { AttributeCheck } from '../attribute-check';

/** RDS engines that do not support IAM database authentication (Oracle, SQL Server, Db2 and RDS Custom). */
const NO_IAM_AUTH_ENGINES = [
  'oracle-ee',
  'oracle-ee-cdb',
  'oracle-se2',
  'oracle-se2-cdb',
  'custom-oracle-ee',
  'custom-oracle-ee-cdb',
  'custom-oracle-se2',
  'custom-oracle-se2-cdb',
  'sqlserver-ee',
  'sqlserver-se',
  'sqlserver-ex',
  'sqlserver-web',
  'custom-sqlserver-ee',
  'custom-sqlserver-se',
  'custom-sqlserver-web',
  'custom-sqlserver-dev',
  'db2-ae',
  'db2-se',
];

/** The TLS policy that still accepts TLS 1.0 and 1.1 on OpenSearch and Elasticsearch domain endpoints. */
const TLS_1_0_POLICY = 'Policy-Min-TLS-1-0-2019-07';
const TLS_1_2_PFS_POLICY = 'Policy-Min-TLS-1-2-PFS-2023-10';

/** AWS data stores (databases, caches, search, streams) settings checked across Terraform and CloudFormation. Each default is cited in `references`. */
export const AWS_DATA_CHECKS: readonly AttributeCheck[] = [
  {
    id: 'aws/require-rds-deletion-protection',
    description: 'RDS instances and Aurora clusters should turn on deletion protection',
    severity: 'info',
    cwe: ['CWE-693'],
    riskArea: 'development',
    risk: 'one mistaken destroy, stack deletion or console click deletes the database, and with it its automated backups (unless a final snapshot is kept)',
    why: [
      'Deleting a DB instance or cluster also deletes its automated backups unless a final snapshot is taken, and a',
      'replacement forced by a changed attribute deletes the old database first. Deletion protection makes RDS refuse',
      'the delete call until someone turns it off on purpose. Aurora instances take the setting from their cluster, so',
      'a CloudFormation `AWS::RDS::DBInstance` inside a cluster is not reported. A throwaway test database may leave it off: suppress with that reason.',
    ].join('\n'),
    howToFix: 'Turn on deletion protection (`deletion_protection = true` / `DeletionProtection: true`); turn it off in a separate change when you really mean to delete the database.',
    references: [
      { title: 'Terraform: aws_db_instance (deletion_protection: the default is false)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance' },
      { title: 'Terraform: aws_rds_cluster (deletion_protection: the default is false)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster' },
      { title: 'CloudFormation: AWS::RDS::DBInstance DeletionProtection (by default, deletion protection isn’t enabled)', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html' },
      { title: 'CloudFormation: AWS::RDS::DBCluster DeletionProtection (by default, deletion protection is disabled)', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html' },
      { title: 'Amazon RDS: Deleting a DB instance', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html' },
    ],
    terraform: [
      {
        types: ['aws_db_instance', 'aws_rds_cluster'],
        path: ['deletion_protection'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect:
            'resource "aws_db_instance" "app" {\n  identifier        = "app"\n  engine            = "postgres"\n  instance_class    = "db.t4g.medium"\n  allocated_storage = 50\n  storage_encrypted = true\n  username          = "app"\n\n  manage_master_user_password = true\n}\n',
          correct:
            'resource "aws_db_instance" "app" {\n  identifier          = "app"\n  engine              = "postgres"\n  instance_class      = "db.t4g.medium"\n  allocated_storage   = 50\n  storage_encrypted   = true\n  username            = "app"\n  deletion_protection = true\n\n  manage_master_user_password = true\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::RDS::DBInstance'],
        path: ['DeletionProtection'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        // An Aurora instance belongs to a cluster (DBClusterIdentifier), which holds the setting.
        unlessSet: ['DBClusterIdentifier'],
        example: {
          incorrect:
            'Resources:\n  AppDatabase:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t4g.medium\n      AllocatedStorage: "50"\n      StorageEncrypted: true\n      MasterUsername: app\n      ManageMasterUserPassword: true\n',
          correct:
            'Resources:\n  AppDatabase:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t4g.medium\n      AllocatedStorage: "50"\n      StorageEncrypted: true\n      MasterUsername: app\n      ManageMasterUserPassword: true\n      DeletionProtection: true\n',
        },
      },
      {
        types: ['AWS::RDS::DBCluster'],
        path: ['DeletionProtection'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect:
            'Resources:\n  AppCluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n      MasterUsername: app\n      ManageMasterUserPassword: true\n      StorageEncrypted: true\n      DeletionProtection: false\n',
          correct:
            'Resources:\n  AppCluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n      MasterUsername: app\n      ManageMasterUserPassword: true\n      StorageEncrypted: true\n      DeletionProtection: true\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-rds-backups',
    description: 'RDS instances must not turn off automated backups (backup retention period 0)',
    severity: 'info',
    cwe: ['CWE-693'],
    riskArea: 'development',
    risk: 'there are no automated backups and no point-in-time restore, so a bad migration, a deleted table or ransomware inside the database cannot be undone',
    why: [
      'A backup retention period of 0 turns off automated backups and point-in-time recovery for an RDS instance;',
      'only manual snapshots remain. When the setting is absent RDS keeps one day of backups, so only an explicit 0 is',
      'reported. Read replicas (`replicate_source_db`, `SourceDBInstanceIdentifier`) and Aurora instances, whose',
      'backups belong to the source or the cluster, are not reported.',
    ].join('\n'),
    howToFix: 'Keep automated backups: set the retention period to at least 1 day (7 or more for production data).',
    references: [
      { title: 'Terraform: aws_db_instance (backup_retention_period)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance' },
      { title: 'CloudFormation: AWS::RDS::DBInstance BackupRetentionPeriod (0 disables automated backups)', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html' },
      { title: 'Amazon RDS: Introduction to backups', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html' },
    ],
    terraform: [
      {
        types: ['aws_db_instance'],
        path: ['backup_retention_period'],
        expect: { noneOf: [0] },
        fix: 7,
        unlessSet: ['replicate_source_db'],
        example: {
          incorrect:
            'resource "aws_db_instance" "orders" {\n  identifier              = "orders"\n  engine                  = "mysql"\n  instance_class          = "db.t4g.small"\n  allocated_storage       = 20\n  storage_encrypted       = true\n  username                = "orders"\n  backup_retention_period = 0\n\n  manage_master_user_password = true\n}\n',
          correct:
            'resource "aws_db_instance" "orders" {\n  identifier              = "orders"\n  engine                  = "mysql"\n  instance_class          = "db.t4g.small"\n  allocated_storage       = 20\n  storage_encrypted       = true\n  username                = "orders"\n  backup_retention_period = 7\n\n  manage_master_user_password = true\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::RDS::DBInstance'],
        path: ['BackupRetentionPeriod'],
        expect: { noneOf: [0] },
        fix: 7,
        unlessSet: ['SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier', 'DBClusterIdentifier'],
        example: {
          incorrect:
            'Resources:\n  OrdersDatabase:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.t4g.small\n      AllocatedStorage: "20"\n      StorageEncrypted: true\n      MasterUsername: orders\n      ManageMasterUserPassword: true\n      BackupRetentionPeriod: 0\n',
          correct:
            'Resources:\n  OrdersDatabase:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.t4g.small\n      AllocatedStorage: "20"\n      StorageEncrypted: true\n      MasterUsername: orders\n      ManageMasterUserPassword: true\n      BackupRetentionPeriod: 7\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-rds-iam-authentication',
    description: 'RDS instances and Aurora clusters should not turn off IAM database authentication',
    severity: 'info',
    cwe: ['CWE-287'],
    riskArea: 'development',
    risk: 'applications can only sign in with long-lived database passwords, which leak through config files, logs and environment variables and are rarely rotated',
    why: [
      'With IAM database authentication, applications connect with a token signed by their IAM role that expires after',
      '15 minutes, and access is granted and revoked in IAM like everything else. Password users keep working beside it.',
      'Absence is not reported (many teams use Secrets Manager with rotation instead); an explicit `false` is. Engines',
      'without IAM authentication (Oracle, SQL Server, Db2, RDS Custom) and Aurora instances, which take the',
      'setting from their cluster, are not reported.',
    ].join('\n'),
    howToFix: 'Turn on IAM database authentication, then create database users mapped to IAM (`rds_iam` role on PostgreSQL, `AWSAuthenticationPlugin` on MySQL) and grant `rds-db:connect` to the application roles.',
    references: [
      { title: 'Terraform: aws_db_instance (iam_database_authentication_enabled)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance' },
      { title: 'Terraform: aws_rds_cluster (iam_database_authentication_enabled)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster' },
      { title: 'CloudFormation: AWS::RDS::DBInstance EnableIAMDatabaseAuthentication', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html' },
      { title: 'Amazon RDS: IAM database authentication (supported engines)', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html' },
    ],
    terraform: [
      {
        types: ['aws_db_instance', 'aws_rds_cluster'],
        path: ['iam_database_authentication_enabled'],
        expect: { oneOf: [true] },
        fix: true,
        unless: [{ path: ['engine'], oneOf: NO_IAM_AUTH_ENGINES }],
        example: {
          incorrect:
            'resource "aws_rds_cluster" "search" {\n  cluster_identifier = "search"\n  engine             = "aurora-postgresql"\n  master_username    = "search"\n  storage_encrypted  = true\n\n  manage_master_user_password         = true\n  iam_database_authentication_enabled = false\n}\n',
          correct:
            'resource "aws_rds_cluster" "search" {\n  cluster_identifier = "search"\n  engine             = "aurora-postgresql"\n  master_username    = "search"\n  storage_encrypted  = true\n\n  manage_master_user_password         = true\n  iam_database_authentication_enabled = true\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::RDS::DBCluster'],
        path: ['EnableIAMDatabaseAuthentication'],
        expect: { oneOf: [true] },
        fix: true,
        example: {
          incorrect:
            'Resources:\n  SearchCluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n      MasterUsername: search\n      ManageMasterUserPassword: true\n      StorageEncrypted: true\n      EnableIAMDatabaseAuthentication: false\n',
          correct:
            'Resources:\n  SearchCluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n      MasterUsername: search\n      ManageMasterUserPassword: true\n      StorageEncrypted: true\n      EnableIAMDatabaseAuthentication: true\n',
        },
      },
      {
        types: ['AWS::RDS::DBInstance'],
        path: ['EnableIAMDatabaseAuthentication'],
        expect: { oneOf: [true] },
        fix: true,
        // An Aurora instance belongs to a cluster (DBClusterIdentifier), which holds the setting.
        unlessSet: ['DBClusterIdentifier'],
        unless: [{ path: ['Engine'], oneOf: NO_IAM_AUTH_ENGINES }],
        example: {
          incorrect:
            'Resources:\n  SearchDatabase:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t4g.medium\n      AllocatedStorage: "50"\n      StorageEncrypted: true\n      MasterUsername: search\n      ManageMasterUserPassword: true\n      EnableIAMDatabaseAuthentication: false\n',
          correct:
            'Resources:\n  SearchDatabase:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t4g.medium\n      AllocatedStorage: "50"\n      StorageEncrypted: true\n      MasterUsername: search\n      ManageMasterUserPassword: true\n      EnableIAMDatabaseAuthentication: true\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-docdb-encryption',
    description: 'DocumentDB clusters must encrypt their storage',
    severity: 'warning',
    cwe: ['CWE-311'],
    riskArea: 'development',
    risk: 'documents, indexes, snapshots and backups are stored unencrypted, readable by anyone who gets a snapshot or the underlying storage',
    why: [
      'DocumentDB encrypts cluster storage, automated backups, snapshots and replicas with a KMS key only when the',
      'cluster is created that way; the Terraform provider creates unencrypted clusters unless told otherwise, and',
      'encryption cannot be turned on later without restoring into a new cluster. Clusters restored from a snapshot',
      'or a point in time, and secondaries of a global cluster, inherit the setting and are not reported.',
    ].join('\n'),
    howToFix: 'Create the cluster with storage encryption on (and `kms_key_id` / `KmsKeyId` for a key you control); for an existing cluster, snapshot it and restore into an encrypted one.',
    references: [
      { title: 'Terraform: aws_docdb_cluster (storage_encrypted: the default is false)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/docdb_cluster' },
      { title: 'CloudFormation: AWS::DocDB::DBCluster StorageEncrypted', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-docdb-dbcluster.html' },
      { title: 'Amazon DocumentDB: Encrypting data at rest', url: 'https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html' },
    ],
    terraform: [
      {
        types: ['aws_docdb_cluster'],
        path: ['storage_encrypted'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        unlessSet: ['snapshot_identifier', 'global_cluster_identifier', 'restore_to_point_in_time'],
        example: {
          incorrect:
            'resource "aws_docdb_cluster" "profiles" {\n  cluster_identifier      = "profiles"\n  engine                  = "docdb"\n  master_username         = "profiles"\n  backup_retention_period = 7\n\n  manage_master_user_password = true\n}\n',
          correct:
            'resource "aws_docdb_cluster" "profiles" {\n  cluster_identifier      = "profiles"\n  engine                  = "docdb"\n  master_username         = "profiles"\n  backup_retention_period = 7\n  storage_encrypted       = true\n\n  manage_master_user_password = true\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::DocDB::DBCluster'],
        path: ['StorageEncrypted'],
        expect: { oneOf: [true] },
        fix: true,
        example: {
          incorrect:
            'Resources:\n  ProfilesCluster:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: profiles\n      MasterUserPassword: !Ref ProfilesPassword\n      BackupRetentionPeriod: 7\n      StorageEncrypted: false\n',
          correct:
            'Resources:\n  ProfilesCluster:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: profiles\n      MasterUserPassword: !Ref ProfilesPassword\n      BackupRetentionPeriod: 7\n      StorageEncrypted: true\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-neptune-encryption',
    description: 'Neptune clusters must encrypt their storage',
    severity: 'warning',
    cwe: ['CWE-311'],
    riskArea: 'development',
    risk: 'the graph, its snapshots and backups are stored unencrypted, readable by anyone who gets a snapshot or the underlying storage',
    why: [
      'Neptune graphs often hold knowledge graphs and relationship data behind retrieval-augmented applications. The',
      'Terraform provider creates unencrypted clusters unless `storage_encrypted` is set, and encryption cannot be',
      'turned on for an existing cluster. Clusters restored from a snapshot, cross-region replicas and secondaries of a',
      'global cluster inherit the setting and are not reported.',
    ].join('\n'),
    howToFix: 'Create the cluster with storage encryption on (and `kms_key_arn` / `KmsKeyId` for a key you control); for an existing cluster, snapshot it and restore into an encrypted one.',
    references: [
      { title: 'Terraform: aws_neptune_cluster (storage_encrypted: the default is false if not specified)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/neptune_cluster' },
      { title: 'CloudFormation: AWS::Neptune::DBCluster StorageEncrypted', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-neptune-dbcluster.html' },
      { title: 'Amazon Neptune: Encrypting Neptune resources at rest', url: 'https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html' },
    ],
    terraform: [
      {
        types: ['aws_neptune_cluster'],
        path: ['storage_encrypted'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        unlessSet: ['snapshot_identifier', 'replication_source_identifier', 'global_cluster_identifier'],
        example: {
          incorrect:
            'resource "aws_neptune_cluster" "knowledge" {\n  cluster_identifier                  = "knowledge-graph"\n  engine                              = "neptune"\n  backup_retention_period             = 7\n  iam_database_authentication_enabled = true\n}\n',
          correct:
            'resource "aws_neptune_cluster" "knowledge" {\n  cluster_identifier                  = "knowledge-graph"\n  engine                              = "neptune"\n  backup_retention_period             = 7\n  iam_database_authentication_enabled = true\n  storage_encrypted                   = true\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::Neptune::DBCluster'],
        path: ['StorageEncrypted'],
        expect: { oneOf: [true] },
        fix: true,
        example: {
          incorrect:
            'Resources:\n  KnowledgeGraph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      BackupRetentionPeriod: 7\n      IamAuthEnabled: true\n      StorageEncrypted: false\n',
          correct:
            'Resources:\n  KnowledgeGraph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      BackupRetentionPeriod: 7\n      IamAuthEnabled: true\n      StorageEncrypted: true\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-redshift-encryption',
    description: 'Redshift clusters must not turn off encryption at rest',
    severity: 'warning',
    cwe: ['CWE-311'],
    riskArea: 'development',
    risk: 'the warehouse, its snapshots and backups are stored unencrypted, readable by anyone who gets a snapshot or the underlying storage',
    why: [
      'A Redshift warehouse usually holds the widest copy of an organisation’s data. Encryption at rest covers the',
      'data blocks, system metadata and snapshots. The default for a missing setting has changed over time (new',
      'clusters are now encrypted by AWS, older provider versions and APIs created them unencrypted), so only an',
      'explicit `false` is reported; set it to `true` so the intent is stated whatever the version.',
    ].join('\n'),
    howToFix: 'Set encryption to true (and `kms_key_id` / `KmsKeyId` for a key you control).',
    references: [
      { title: 'Terraform: aws_redshift_cluster (encrypted)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_cluster' },
      { title: 'CloudFormation: AWS::Redshift::Cluster Encrypted', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-redshift-cluster.html' },
      { title: 'Amazon Redshift: Database encryption', url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html' },
    ],
    terraform: [
      {
        types: ['aws_redshift_cluster'],
        path: ['encrypted'],
        expect: { oneOf: [true] },
        fix: true,
        example: {
          incorrect:
            'resource "aws_redshift_cluster" "analytics" {\n  cluster_identifier  = "analytics"\n  node_type           = "ra3.xlplus"\n  number_of_nodes     = 2\n  master_username     = "analytics"\n  publicly_accessible = false\n  encrypted           = false\n\n  manage_master_password = true\n}\n',
          correct:
            'resource "aws_redshift_cluster" "analytics" {\n  cluster_identifier  = "analytics"\n  node_type           = "ra3.xlplus"\n  number_of_nodes     = 2\n  master_username     = "analytics"\n  publicly_accessible = false\n  encrypted           = true\n\n  manage_master_password = true\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::Redshift::Cluster'],
        path: ['Encrypted'],
        expect: { oneOf: [true] },
        fix: true,
        example: {
          incorrect:
            'Resources:\n  AnalyticsCluster:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      ClusterType: multi-node\n      NodeType: ra3.xlplus\n      NumberOfNodes: 2\n      DBName: analytics\n      MasterUsername: analytics\n      ManageMasterPassword: true\n      Encrypted: false\n',
          correct:
            'Resources:\n  AnalyticsCluster:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      ClusterType: multi-node\n      NodeType: ra3.xlplus\n      NumberOfNodes: 2\n      DBName: analytics\n      MasterUsername: analytics\n      ManageMasterPassword: true\n      Encrypted: true\n',
        },
      },
    ],
  },
  {
    id: 'aws/no-public-redshift',
    description: 'Redshift clusters must not be publicly accessible',
    severity: 'error',
    cwe: ['CWE-284'],
    riskArea: 'development',
    risk: 'the warehouse gets a public IP address, and only its security group stands between it and password guessing from the internet',
    why: [
      'A publicly accessible cluster in a subnet with an internet gateway gets a public endpoint for port 5439.',
      'Warehouse credentials are often shared between BI tools and notebooks, so a reachable endpoint is one leaked',
      'password away from a bulk export. The default has changed across versions (the Terraform AWS provider',
      'defaulted to `true` before v6.0 and `false` since), so only an explicit `true` is reported: set `false` so',
      'a provider upgrade or downgrade cannot change it. Reach the cluster through a VPN, a bastion or Redshift-managed VPC endpoints.',
    ].join('\n'),
    howToFix: 'Set public accessibility to false and connect from inside the VPC.',
    references: [
      { title: 'Terraform: aws_redshift_cluster (publicly_accessible)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_cluster' },
      { title: 'Terraform AWS provider v6 upgrade guide (publicly_accessible now defaults to false)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-6-upgrade' },
      { title: 'CloudFormation: AWS::Redshift::Cluster PubliclyAccessible', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-redshift-cluster.html' },
    ],
    terraform: [
      {
        types: ['aws_redshift_cluster'],
        path: ['publicly_accessible'],
        expect: { oneOf: [false] },
        fix: false,
        example: {
          incorrect:
            'resource "aws_redshift_cluster" "analytics" {\n  cluster_identifier  = "analytics"\n  node_type           = "ra3.xlplus"\n  number_of_nodes     = 2\n  master_username     = "analytics"\n  encrypted           = true\n  publicly_accessible = true\n\n  manage_master_password = true\n}\n',
          correct:
            'resource "aws_redshift_cluster" "analytics" {\n  cluster_identifier  = "analytics"\n  node_type           = "ra3.xlplus"\n  number_of_nodes     = 2\n  master_username     = "analytics"\n  encrypted           = true\n  publicly_accessible = false\n\n  manage_master_password = true\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::Redshift::Cluster'],
        path: ['PubliclyAccessible'],
        expect: { oneOf: [false] },
        fix: false,
        example: {
          incorrect:
            'Resources:\n  AnalyticsCluster:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      ClusterType: multi-node\n      NodeType: ra3.xlplus\n      NumberOfNodes: 2\n      DBName: analytics\n      MasterUsername: analytics\n      ManageMasterPassword: true\n      PubliclyAccessible: true\n',
          correct:
            'Resources:\n  AnalyticsCluster:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      ClusterType: multi-node\n      NodeType: ra3.xlplus\n      NumberOfNodes: 2\n      DBName: analytics\n      MasterUsername: analytics\n      ManageMasterPassword: true\n      PubliclyAccessible: false\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-elasticache-encryption-at-rest',
    description: 'ElastiCache replication groups must encrypt data at rest',
    severity: 'warning',
    cwe: ['CWE-311'],
    riskArea: 'development',
    risk: 'cached sessions, tokens and model responses are written unencrypted to disk during syncs, swaps and backups stored in S3',
    why: [
      'Redis OSS replication groups are created without encryption at rest unless asked (Valkey groups are encrypted',
      'by default and are not reported). Unencrypted, the data that Redis writes to disk during replication syncs,',
      'swap and snapshots, and the backups exported to S3, can be read without a key. The setting can only be chosen',
      'when the group is created. Secondaries of a global datastore inherit it and are not reported.',
    ].join('\n'),
    howToFix: 'Create the replication group with encryption at rest on (and `kms_key_id` / `KmsKeyId` for a key you control); an existing group must be recreated, for example from a backup.',
    references: [
      { title: 'Terraform: aws_elasticache_replication_group (at_rest_encryption_enabled: false for redis, true for valkey)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_replication_group' },
      { title: 'CloudFormation: AWS::ElastiCache::ReplicationGroup AtRestEncryptionEnabled (default false)', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-replicationgroup.html' },
      { title: 'ElastiCache API: CreateReplicationGroup (AtRestEncryptionEnabled: true for Valkey, false for Redis OSS)', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html' },
    ],
    terraform: [
      {
        types: ['aws_elasticache_replication_group'],
        path: ['at_rest_encryption_enabled'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        unlessSet: ['global_replication_group_id'],
        unless: [{ path: ['engine'], oneOf: ['valkey'] }],
        example: {
          incorrect:
            'resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id       = "sessions"\n  description                = "User sessions"\n  engine                     = "redis"\n  node_type                  = "cache.t4g.small"\n  num_cache_clusters         = 2\n  automatic_failover_enabled = true\n  transit_encryption_enabled = true\n}\n',
          correct:
            'resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id       = "sessions"\n  description                = "User sessions"\n  engine                     = "redis"\n  node_type                  = "cache.t4g.small"\n  num_cache_clusters         = 2\n  automatic_failover_enabled = true\n  transit_encryption_enabled = true\n  at_rest_encryption_enabled = true\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::ElastiCache::ReplicationGroup'],
        path: ['AtRestEncryptionEnabled'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        unlessSet: ['GlobalReplicationGroupId'],
        unless: [{ path: ['Engine'], oneOf: ['valkey'] }],
        example: {
          incorrect:
            'Resources:\n  SessionCache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: User sessions\n      Engine: redis\n      CacheNodeType: cache.t4g.small\n      NumCacheClusters: 2\n      AutomaticFailoverEnabled: true\n      TransitEncryptionEnabled: true\n',
          correct:
            'Resources:\n  SessionCache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: User sessions\n      Engine: redis\n      CacheNodeType: cache.t4g.small\n      NumCacheClusters: 2\n      AutomaticFailoverEnabled: true\n      TransitEncryptionEnabled: true\n      AtRestEncryptionEnabled: true\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-elasticache-transit-encryption',
    description: 'ElastiCache replication groups must encrypt traffic in transit (TLS)',
    severity: 'warning',
    cwe: ['CWE-319'],
    riskArea: 'development',
    risk: 'commands, cached values and AUTH passwords cross the network in clear text, readable by anything that can capture VPC traffic',
    why: [
      'Without in-transit encryption, clients talk to Redis OSS or Valkey in plain TCP: cached sessions, tokens and',
      'the `AUTH` password itself travel unencrypted, and an `auth_token` cannot even be set. ElastiCache leaves it off',
      'unless asked. Turning it on for an existing group needs engine 7.0.5 or later (older versions recreate the',
      'group) and clients that speak TLS. Secondaries of a global datastore inherit it and are not reported.',
    ].join('\n'),
    howToFix: 'Turn on in-transit encryption; on an existing group set the transit encryption mode to `preferred`, move clients to TLS, then set it to `required`.',
    references: [
      { title: 'Terraform: aws_elasticache_replication_group (transit_encryption_enabled)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_replication_group' },
      { title: 'CloudFormation: AWS::ElastiCache::ReplicationGroup TransitEncryptionEnabled (default false)', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-replicationgroup.html' },
      { title: 'ElastiCache API: CreateReplicationGroup (TransitEncryptionEnabled default false)', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html' },
      { title: 'ElastiCache: Enabling in-transit encryption', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption-enable.html' },
    ],
    terraform: [
      {
        types: ['aws_elasticache_replication_group'],
        path: ['transit_encryption_enabled'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        unlessSet: ['global_replication_group_id'],
        example: {
          incorrect:
            'resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id       = "sessions"\n  description                = "User sessions"\n  engine                     = "redis"\n  node_type                  = "cache.t4g.small"\n  num_cache_clusters         = 2\n  automatic_failover_enabled = true\n  at_rest_encryption_enabled = true\n}\n',
          correct:
            'resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id       = "sessions"\n  description                = "User sessions"\n  engine                     = "redis"\n  node_type                  = "cache.t4g.small"\n  num_cache_clusters         = 2\n  automatic_failover_enabled = true\n  at_rest_encryption_enabled = true\n  transit_encryption_enabled = true\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::ElastiCache::ReplicationGroup'],
        path: ['TransitEncryptionEnabled'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        unlessSet: ['GlobalReplicationGroupId'],
        example: {
          incorrect:
            'Resources:\n  SessionCache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: User sessions\n      Engine: redis\n      CacheNodeType: cache.t4g.small\n      NumCacheClusters: 2\n      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: false\n',
          correct:
            'Resources:\n  SessionCache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: User sessions\n      Engine: redis\n      CacheNodeType: cache.t4g.small\n      NumCacheClusters: 2\n      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: true\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-opensearch-encryption-at-rest',
    description: 'OpenSearch and Elasticsearch domains must encrypt data at rest',
    severity: 'warning',
    cwe: ['CWE-311'],
    riskArea: 'development',
    risk: 'indices, logs, swap files and automated snapshots are stored unencrypted, readable by anyone who gets the underlying storage',
    why: [
      'Search domains often hold application logs, documents and the vector indexes behind retrieval-augmented',
      'generation. Encryption at rest covers indices, logs, swap files and automated snapshots, and fine-grained',
      'access control requires it. The Terraform provider leaves it off when the `encrypt_at_rest` block is absent.',
      'A few small previous-generation instance types (T2) cannot encrypt; suppress with that reason if you use one.',
    ].join('\n'),
    howToFix: 'Turn on encryption at rest (and `kms_key_id` / `KmsKeyId` for a key you control); OpenSearch and Elasticsearch 6.7+ domains can turn it on in place.',
    references: [
      { title: 'Terraform: aws_opensearch_domain (encrypt_at_rest: defaults to false when the block is not provided)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain' },
      { title: 'Terraform: aws_elasticsearch_domain (encrypt_at_rest)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticsearch_domain' },
      { title: 'CloudFormation: AWS::OpenSearchService::Domain EncryptionAtRestOptions', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-opensearchservice-domain-encryptionatrestoptions.html' },
      { title: 'Amazon OpenSearch Service: Encryption of data at rest', url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html' },
    ],
    terraform: [
      {
        types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
        path: ['encrypt_at_rest', 'enabled'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect:
            'resource "aws_opensearch_domain" "docs" {\n  domain_name    = "docs"\n  engine_version = "OpenSearch_2.13"\n\n  cluster_config {\n    instance_type  = "r6g.large.search"\n    instance_count = 2\n  }\n\n  node_to_node_encryption {\n    enabled = true\n  }\n}\n',
          correct:
            'resource "aws_opensearch_domain" "docs" {\n  domain_name    = "docs"\n  engine_version = "OpenSearch_2.13"\n\n  cluster_config {\n    instance_type  = "r6g.large.search"\n    instance_count = 2\n  }\n\n  node_to_node_encryption {\n    enabled = true\n  }\n\n  encrypt_at_rest {\n    enabled = true\n  }\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
        path: ['EncryptionAtRestOptions', 'Enabled'],
        expect: { oneOf: [true] },
        fix: true,
        example: {
          incorrect:
            'Resources:\n  DocsDomain:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.13\n      ClusterConfig:\n        InstanceType: r6g.large.search\n        InstanceCount: 2\n      EncryptionAtRestOptions:\n        Enabled: false\n',
          correct:
            'Resources:\n  DocsDomain:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.13\n      ClusterConfig:\n        InstanceType: r6g.large.search\n        InstanceCount: 2\n      EncryptionAtRestOptions:\n        Enabled: true\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-opensearch-node-to-node-encryption',
    description: 'OpenSearch and Elasticsearch domains must encrypt traffic between nodes',
    severity: 'warning',
    cwe: ['CWE-319'],
    riskArea: 'development',
    risk: 'documents and queries travel between the domain’s nodes in clear text inside the VPC',
    why: [
      'Node-to-node encryption wraps the traffic between the nodes of a domain (shard replication, query fan-out) in',
      'TLS. Without it, every document indexed and every search result crosses the network unencrypted, and',
      'fine-grained access control cannot be turned on. The Terraform provider leaves it off when the',
      '`node_to_node_encryption` block is absent.',
    ].join('\n'),
    howToFix: 'Turn on node-to-node encryption; OpenSearch and Elasticsearch 6.7+ domains can turn it on in place, it cannot be turned off again.',
    references: [
      { title: 'Terraform: aws_opensearch_domain (node_to_node_encryption: defaults to false when the block is not provided)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain' },
      { title: 'Terraform: aws_elasticsearch_domain (node_to_node_encryption)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticsearch_domain' },
      { title: 'CloudFormation: AWS::OpenSearchService::Domain NodeToNodeEncryptionOptions', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-opensearchservice-domain-nodetonodeencryptionoptions.html' },
      { title: 'Amazon OpenSearch Service: Node-to-node encryption', url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html' },
    ],
    terraform: [
      {
        types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
        path: ['node_to_node_encryption', 'enabled'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect:
            'resource "aws_opensearch_domain" "docs" {\n  domain_name    = "docs"\n  engine_version = "OpenSearch_2.13"\n\n  encrypt_at_rest {\n    enabled = true\n  }\n\n  node_to_node_encryption {\n    enabled = false\n  }\n}\n',
          correct:
            'resource "aws_opensearch_domain" "docs" {\n  domain_name    = "docs"\n  engine_version = "OpenSearch_2.13"\n\n  encrypt_at_rest {\n    enabled = true\n  }\n\n  node_to_node_encryption {\n    enabled = true\n  }\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
        path: ['NodeToNodeEncryptionOptions', 'Enabled'],
        expect: { oneOf: [true] },
        fix: true,
        example: {
          incorrect:
            'Resources:\n  DocsDomain:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.13\n      EncryptionAtRestOptions:\n        Enabled: true\n      NodeToNodeEncryptionOptions:\n        Enabled: false\n',
          correct:
            'Resources:\n  DocsDomain:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.13\n      EncryptionAtRestOptions:\n        Enabled: true\n      NodeToNodeEncryptionOptions:\n        Enabled: true\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-opensearch-https',
    description: 'OpenSearch and Elasticsearch domains must not turn off HTTPS enforcement',
    severity: 'warning',
    cwe: ['CWE-319'],
    riskArea: 'development',
    risk: 'clients may send queries, documents and credentials to the domain endpoint over plain HTTP',
    why: [
      'With HTTPS enforcement off the domain endpoint also answers on plain HTTP, so a client configured with an',
      '`http://` URL sends its documents, queries and basic-auth credentials in clear text. The Terraform provider',
      'enforces HTTPS unless `enforce_https = false`, so only an explicit `false` is reported.',
    ].join('\n'),
    howToFix: 'Require HTTPS on the domain endpoint and use `https://` URLs in clients.',
    references: [
      { title: 'Terraform: aws_opensearch_domain (domain_endpoint_options.enforce_https defaults to true)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain' },
      { title: 'Terraform: aws_elasticsearch_domain (domain_endpoint_options)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticsearch_domain' },
      { title: 'CloudFormation: AWS::OpenSearchService::Domain DomainEndpointOptions', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-opensearchservice-domain-domainendpointoptions.html' },
    ],
    terraform: [
      {
        types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
        path: ['domain_endpoint_options', 'enforce_https'],
        expect: { oneOf: [true] },
        fix: true,
        example: {
          incorrect:
            'resource "aws_opensearch_domain" "docs" {\n  domain_name    = "docs"\n  engine_version = "OpenSearch_2.13"\n\n  domain_endpoint_options {\n    enforce_https = false\n  }\n}\n',
          correct:
            'resource "aws_opensearch_domain" "docs" {\n  domain_name    = "docs"\n  engine_version = "OpenSearch_2.13"\n\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"\n  }\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
        path: ['DomainEndpointOptions', 'EnforceHTTPS'],
        expect: { oneOf: [true] },
        fix: true,
        example: {
          incorrect:
            'Resources:\n  DocsDomain:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.13\n      DomainEndpointOptions:\n        EnforceHTTPS: false\n',
          correct:
            'Resources:\n  DocsDomain:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.13\n      DomainEndpointOptions:\n        EnforceHTTPS: true\n        TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10\n',
        },
      },
    ],
  },
  {
    id: 'aws/no-opensearch-legacy-tls-policy',
    description: 'OpenSearch and Elasticsearch domains must not accept TLS 1.0 and 1.1 (Policy-Min-TLS-1-0-2019-07)',
    severity: 'warning',
    cwe: ['CWE-326'],
    riskArea: 'development',
    risk: 'the endpoint still negotiates TLS 1.0 and 1.1, deprecated protocols with weak cipher suites that a network attacker can push clients down to',
    why: [
      '`Policy-Min-TLS-1-0-2019-07` lets the domain endpoint accept TLS 1.0 and 1.1, which RFC 8996 deprecated and',
      'compliance frameworks no longer allow. `Policy-Min-TLS-1-2-PFS-2023-10` requires TLS 1.2 or later with forward',
      'secrecy; `Policy-Min-TLS-1-2-2019-07` requires TLS 1.2. A missing policy is not reported, because the',
      'service default has changed over time; set one so the endpoint’s floor is stated.',
    ].join('\n'),
    howToFix: 'Use `Policy-Min-TLS-1-2-PFS-2023-10` (or at least `Policy-Min-TLS-1-2-2019-07`).',
    references: [
      { title: 'Terraform: aws_opensearch_domain (domain_endpoint_options.tls_security_policy)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain' },
      { title: 'Terraform: aws_elasticsearch_domain (domain_endpoint_options.tls_security_policy)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticsearch_domain' },
      { title: 'OpenSearch Service API: DomainEndpointOptions TLSSecurityPolicy', url: 'https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html' },
      { title: 'RFC 8996: Deprecating TLS 1.0 and TLS 1.1', url: 'https://www.rfc-editor.org/rfc/rfc8996' },
    ],
    terraform: [
      {
        types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
        path: ['domain_endpoint_options', 'tls_security_policy'],
        expect: { noneOf: [TLS_1_0_POLICY] },
        fix: TLS_1_2_PFS_POLICY,
        example: {
          incorrect:
            'resource "aws_opensearch_domain" "docs" {\n  domain_name    = "docs"\n  engine_version = "OpenSearch_2.13"\n\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"\n  }\n}\n',
          correct:
            'resource "aws_opensearch_domain" "docs" {\n  domain_name    = "docs"\n  engine_version = "OpenSearch_2.13"\n\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"\n  }\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
        path: ['DomainEndpointOptions', 'TLSSecurityPolicy'],
        expect: { noneOf: [TLS_1_0_POLICY] },
        fix: TLS_1_2_PFS_POLICY,
        example: {
          incorrect:
            'Resources:\n  DocsDomain:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.13\n      DomainEndpointOptions:\n        EnforceHTTPS: true\n        TLSSecurityPolicy: Policy-Min-TLS-1-0-2019-07\n',
          correct:
            'Resources:\n  DocsDomain:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.13\n      DomainEndpointOptions:\n        EnforceHTTPS: true\n        TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-dynamodb-point-in-time-recovery',
    description: 'DynamoDB tables should turn on point-in-time recovery',
    severity: 'info',
    cwe: ['CWE-693'],
    riskArea: 'development',
    risk: 'a buggy deploy, a bulk delete or a compromised writer can destroy items that cannot be restored to any earlier second',
    why: [
      'Point-in-time recovery keeps continuous backups for up to 35 days, so a table can be restored to any second',
      'before an accidental overwrite or delete. DynamoDB creates tables without it (it is only turned on afterwards,',
      'with `UpdateContinuousBackups`), and on-demand backups do not cover the minutes before an incident. A table',
      'of disposable data (caches, rate-limit counters, sessions with a TTL) may leave it off: suppress with that reason.',
    ].join('\n'),
    howToFix: 'Turn on point-in-time recovery (`point_in_time_recovery { enabled = true }` / `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true`).',
    references: [
      { title: 'Terraform: aws_dynamodb_table (point_in_time_recovery: defaults to false when the block is not provided)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table' },
      { title: 'CloudFormation: AWS::DynamoDB::Table PointInTimeRecoverySpecification', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-table-pointintimerecoveryspecification.html' },
      { title: 'Amazon DynamoDB: Enable point-in-time recovery', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html' },
    ],
    terraform: [
      {
        types: ['aws_dynamodb_table'],
        path: ['point_in_time_recovery', 'enabled'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect:
            'resource "aws_dynamodb_table" "conversations" {\n  name         = "conversations"\n  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "conversation_id"\n\n  attribute {\n    name = "conversation_id"\n    type = "S"\n  }\n}\n',
          correct:
            'resource "aws_dynamodb_table" "conversations" {\n  name         = "conversations"\n  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "conversation_id"\n\n  attribute {\n    name = "conversation_id"\n    type = "S"\n  }\n\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::DynamoDB::Table'],
        path: ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect:
            'Resources:\n  ConversationsTable:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: conversationId\n          AttributeType: S\n      KeySchema:\n        - AttributeName: conversationId\n          KeyType: HASH\n',
          correct:
            'Resources:\n  ConversationsTable:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: conversationId\n          AttributeType: S\n      KeySchema:\n        - AttributeName: conversationId\n          KeyType: HASH\n      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-kinesis-stream-encryption',
    description: 'Kinesis data streams must use server-side encryption with KMS',
    severity: 'warning',
    cwe: ['CWE-311'],
    riskArea: 'development',
    risk: 'records (events, clickstreams, prompts and completions) are stored unencrypted on the stream for its whole retention period',
    why: [
      'Kinesis Data Streams stores every record for the retention period (24 hours to 365 days) and encrypts it only',
      'when server-side encryption is on. The Terraform provider defaults `encryption_type` to `NONE`, and a',
      'CloudFormation stream without `StreamEncryption` is unencrypted. With the AWS managed key',
      '(`alias/aws/kinesis`) encryption costs nothing and needs no change in producers or consumers.',
    ].join('\n'),
    howToFix:
      'Set the encryption type to `KMS` with a key: `encryption_type = "KMS"` and `kms_key_id = "alias/aws/kinesis"` (or your own key) in Terraform, `StreamEncryption: { EncryptionType: KMS, KeyId: alias/aws/kinesis }` in CloudFormation.',
    references: [
      { title: 'Terraform: aws_kinesis_stream (encryption_type: the default value is NONE)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kinesis_stream' },
      { title: 'CloudFormation: AWS::Kinesis::Stream StreamEncryption (removing it disables encryption)', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kinesis-stream.html' },
      { title: 'Amazon Kinesis Data Streams: Data protection with server-side encryption', url: 'https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html' },
    ],
    terraform: [
      {
        types: ['aws_kinesis_stream'],
        path: ['encryption_type'],
        expect: { oneOf: ['KMS'] },
        default: 'NONE',
        example: {
          incorrect: 'resource "aws_kinesis_stream" "events" {\n  name             = "events"\n  retention_period = 48\n\n  stream_mode_details {\n    stream_mode = "ON_DEMAND"\n  }\n}\n',
          correct:
            'resource "aws_kinesis_stream" "events" {\n  name             = "events"\n  retention_period = 48\n  encryption_type  = "KMS"\n  kms_key_id       = "alias/aws/kinesis"\n\n  stream_mode_details {\n    stream_mode = "ON_DEMAND"\n  }\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::Kinesis::Stream'],
        path: ['StreamEncryption'],
        expect: { present: true },
        default: null,
        example: {
          incorrect: 'Resources:\n  EventStream:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      RetentionPeriodHours: 48\n      StreamModeDetails:\n        StreamMode: ON_DEMAND\n',
          correct:
            'Resources:\n  EventStream:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      RetentionPeriodHours: 48\n      StreamModeDetails:\n        StreamMode: ON_DEMAND\n      StreamEncryption:\n        EncryptionType: KMS\n        KeyId: alias/aws/kinesis\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-log-group-kms-key',
    description: 'CloudWatch log groups should be encrypted with a customer managed KMS key',
    severity: 'info',
    // CloudWatch Logs encrypts every log group already; a customer key is a compliance choice, so opt-in.
    recommended: false,
    cwe: ['CWE-320'],
    riskArea: 'development',
    risk: 'anyone with CloudWatch Logs read access can read the logs, and there is no key policy to restrict, audit or revoke that access',
    why: [
      'CloudWatch Logs always encrypts log data at rest with a key it owns. Associating your own KMS key adds a second',
      'gate: reading the logs then also needs `kms:Decrypt` on that key, every use is recorded in CloudTrail, and',
      'disabling the key cuts off access. That matters for log groups that receive prompts, completions, request',
      'bodies or other personal data. Log groups of low sensitivity may leave it unset: suppress with that reason.',
    ].join('\n'),
    howToFix: 'Set the log group’s KMS key ARN, and allow the `logs.<region>.amazonaws.com` service principal to use the key in its key policy.',
    references: [
      { title: 'Terraform: aws_cloudwatch_log_group (kms_key_id)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_group' },
      { title: 'CloudFormation: AWS::Logs::LogGroup KmsKeyId', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-loggroup.html' },
      { title: 'Amazon CloudWatch Logs: Encrypt log data using AWS KMS', url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html' },
    ],
    terraform: [
      {
        types: ['aws_cloudwatch_log_group'],
        path: ['kms_key_id'],
        expect: { present: true },
        default: null,
        example: {
          incorrect: 'resource "aws_cloudwatch_log_group" "agent" {\n  name              = "/app/support-agent"\n  retention_in_days = 90\n}\n',
          correct: 'resource "aws_cloudwatch_log_group" "agent" {\n  name              = "/app/support-agent"\n  retention_in_days = 90\n  kms_key_id        = aws_kms_key.logs.arn\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::Logs::LogGroup'],
        path: ['KmsKeyId'],
        expect: { present: true },
        default: null,
        example: {
          incorrect: 'Resources:\n  AgentLogs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: /app/support-agent\n      RetentionInDays: 90\n',
          correct: 'Resources:\n  AgentLogs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: /app/support-agent\n      RetentionInDays: 90\n      KmsKeyId: !GetAtt LogsKey.Arn\n',
        },
      },
    ],
  },
  {
    id: 'aws/require-s3-versioning',
    description: 'S3 bucket versioning must not be suspended or disabled',
    severity: 'info',
    cwe: ['CWE-693'],
    riskArea: 'development',
    risk: 'an overwritten or deleted object is gone for good, whether by a bug, a bad sync or an attacker with write access',
    why: [
      'With versioning on, an overwrite or delete keeps the previous version, so training data, model artifacts and',
      'uploads can be restored, and S3 Object Lock and replication both require it. A bucket without a versioning',
      'configuration is not reported (many buckets hold disposable data); a configuration that says `Suspended` or',
      '`Disabled` is. Add a lifecycle rule that expires noncurrent versions to keep the cost bounded.',
    ].join('\n'),
    howToFix: 'Set the versioning status to `Enabled` (`aws_s3_bucket_versioning` in Terraform, `VersioningConfiguration` in CloudFormation).',
    references: [
      { title: 'Terraform: aws_s3_bucket_versioning (versioning_configuration.status is required)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_versioning' },
      { title: 'Terraform: aws_s3_bucket (deprecated inline versioning block)', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket' },
      { title: 'CloudFormation: AWS::S3::Bucket VersioningConfiguration', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-versioningconfiguration.html' },
      { title: 'Amazon S3: Retaining multiple versions of objects with S3 Versioning', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html' },
    ],
    terraform: [
      {
        types: ['aws_s3_bucket_versioning'],
        path: ['versioning_configuration', 'status'],
        expect: { oneOf: ['Enabled'] },
        fix: 'Enabled',
        example: {
          incorrect:
            'resource "aws_s3_bucket_versioning" "training_data" {\n  bucket = aws_s3_bucket.training_data.id\n\n  versioning_configuration {\n    status = "Suspended"\n  }\n}\n',
          correct:
            'resource "aws_s3_bucket_versioning" "training_data" {\n  bucket = aws_s3_bucket.training_data.id\n\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n',
        },
      },
      {
        types: ['aws_s3_bucket'],
        path: ['versioning', 'enabled'],
        expect: { oneOf: [true] },
        fix: true,
        example: {
          incorrect: 'resource "aws_s3_bucket" "model_artifacts" {\n  bucket = "acme-model-artifacts"\n\n  versioning {\n    enabled = false\n  }\n}\n',
          correct: 'resource "aws_s3_bucket" "model_artifacts" {\n  bucket = "acme-model-artifacts"\n\n  versioning {\n    enabled = true\n  }\n}\n',
        },
      },
    ],
    cloudformation: [
      {
        types: ['AWS::S3::Bucket'],
        path: ['VersioningConfiguration', 'Status'],
        expect: { oneOf: ['Enabled'] },
        fix: 'Enabled',
        example: {
          incorrect: 'Resources:\n  TrainingDataBucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-training-data\n      VersioningConfiguration:\n        Status: Suspended\n',
          correct: 'Resources:\n  TrainingDataBucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-training-data\n      VersioningConfiguration:\n        Status: Enabled\n',
        },
      },
    ],
  },
];

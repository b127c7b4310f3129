import type { AttributeCheck } from '../attribute-check';

/** Terraform registry page of an azurerm resource in the current (v4) provider. */
const registry = (resource: string) => `https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/${resource}`;
/** The last v3 page of a resource the v4 provider removed or renamed. */
const registryV3 = (resource: string) => `https://registry.terraform.io/providers/hashicorp/azurerm/3.116.0/docs/resources/${resource}`;

/** App Service and Function App resources of the v3/v4 provider (apps and deployment slots). */
const APP_SERVICES = [
  'azurerm_linux_web_app',
  'azurerm_windows_web_app',
  'azurerm_linux_function_app',
  'azurerm_windows_function_app',
  'azurerm_linux_web_app_slot',
  'azurerm_windows_web_app_slot',
  'azurerm_linux_function_app_slot',
  'azurerm_windows_function_app_slot',
];
/** The v2/v3 resources they replaced (removed in provider v4). */
const LEGACY_APP_SERVICES = ['azurerm_app_service', 'azurerm_function_app'];
/** Single-server PostgreSQL / MySQL (retired by Azure, removed or deprecated in provider v4). */
const SINGLE_SERVERS = ['azurerm_postgresql_server', 'azurerm_mysql_server'];
/** Server-level firewall rules with `start_ip_address` / `end_ip_address`. */
const DATABASE_FIREWALL_RULES = [
  'azurerm_mssql_firewall_rule',
  'azurerm_sql_firewall_rule',
  'azurerm_postgresql_firewall_rule',
  'azurerm_postgresql_flexible_server_firewall_rule',
  'azurerm_mysql_firewall_rule',
  'azurerm_mysql_flexible_server_firewall_rule',
  'azurerm_mariadb_firewall_rule',
  'azurerm_synapse_firewall_rule',
];

/** Azure settings checked in Terraform (azurerm provider v3 and v4). Each default is cited in `references`. */
export const AZURE_CHECKS: readonly AttributeCheck[] = [
  // Storage accounts (public blobs and public network access: terraform/no-public-azure-storage).
  {
    id: 'azure/require-storage-secure-transfer',
    description: 'Storage accounts must accept HTTPS only (secure transfer required)',
    severity: 'warning',
    cwe: ['CWE-319'],
    riskArea: 'development',
    risk: 'blob, file, queue and table requests, with their SAS tokens and data, may travel over plain HTTP where anyone on the path can read or change them',
    why: [
      'With secure transfer turned off the account answers plain HTTP on every endpoint: a SAS token in a URL',
      'or the data itself crosses the network unencrypted, and SMB mounts may run without encryption. The provider',
      'turns it on by default, so an explicit `false` is a deliberate opt-out that is rarely needed: custom domains',
      'over HTTPS work through Azure Front Door or a CDN.',
    ].join('\n'),
    howToFix: 'Remove the setting or set it to `true` (`https_traffic_only_enabled` in provider v4, `enable_https_traffic_only` in v3).',
    references: [
      { title: 'Terraform: azurerm_storage_account (https_traffic_only_enabled defaults to true)', url: registry('storage_account') },
      { title: 'Terraform v3: azurerm_storage_account (enable_https_traffic_only defaults to true)', url: registryV3('storage_account') },
      { title: 'Azure Storage: Require secure transfer to ensure secure connections', url: 'https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer' },
    ],
    terraform: [
      {
        types: ['azurerm_storage_account'],
        path: ['https_traffic_only_enabled'],
        expect: { oneOf: [true] },
        fix: true,
        example: {
          incorrect:
            'resource "azurerm_storage_account" "uploads" {\n  name                       = "stuploadsprod"\n  resource_group_name        = azurerm_resource_group.main.name\n  location                   = azurerm_resource_group.main.location\n  account_tier               = "Standard"\n  account_replication_type   = "ZRS"\n  https_traffic_only_enabled = false\n}\n',
          correct:
            'resource "azurerm_storage_account" "uploads" {\n  name                       = "stuploadsprod"\n  resource_group_name        = azurerm_resource_group.main.name\n  location                   = azurerm_resource_group.main.location\n  account_tier               = "Standard"\n  account_replication_type   = "ZRS"\n  https_traffic_only_enabled = true\n}\n',
        },
      },
      {
        types: ['azurerm_storage_account'],
        path: ['enable_https_traffic_only'],
        expect: { oneOf: [true] },
        fix: true,
        example: {
          incorrect:
            'resource "azurerm_storage_account" "exports" {\n  name                      = "stexportsprod"\n  resource_group_name       = azurerm_resource_group.main.name\n  location                  = azurerm_resource_group.main.location\n  account_tier              = "Standard"\n  account_replication_type  = "LRS"\n  enable_https_traffic_only = false\n}\n',
          correct:
            'resource "azurerm_storage_account" "exports" {\n  name                      = "stexportsprod"\n  resource_group_name       = azurerm_resource_group.main.name\n  location                  = azurerm_resource_group.main.location\n  account_tier              = "Standard"\n  account_replication_type  = "LRS"\n  enable_https_traffic_only = true\n}\n',
        },
      },
    ],
  },
  {
    id: 'azure/no-storage-legacy-tls',
    description: 'Storage accounts must not accept TLS 1.0 or 1.1',
    severity: 'warning',
    cwe: ['CWE-326'],
    riskArea: 'development',
    risk: 'clients may negotiate TLS 1.0 or 1.1, deprecated protocols with known weaknesses that Azure is retiring',
    why: [
      'TLS 1.0 and 1.1 are deprecated (RFC 8996) and fail PCI DSS and most compliance baselines. New accounts',
      'default to TLS 1.2, so a lower minimum is usually a copy from an old template; Azure Storage is retiring',
      'TLS 1.0/1.1 support, after which such clients break anyway.',
    ].join('\n'),
    howToFix: 'Set `min_tls_version = "TLS1_2"` and update any client that cannot speak TLS 1.2.',
    references: [
      { title: 'Terraform: azurerm_storage_account (min_tls_version defaults to TLS1_2 for new accounts)', url: registry('storage_account') },
      { title: 'Azure Storage: Enforce a minimum required version of TLS', url: 'https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version' },
    ],
    terraform: [
      {
        types: ['azurerm_storage_account'],
        path: ['min_tls_version'],
        expect: { noneOf: ['TLS1_0', 'TLS1_1'] },
        fix: 'TLS1_2',
        example: {
          incorrect:
            'resource "azurerm_storage_account" "training_data" {\n  name                     = "sttrainingdata"\n  resource_group_name      = azurerm_resource_group.ml.name\n  location                 = azurerm_resource_group.ml.location\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n  min_tls_version          = "TLS1_0"\n}\n',
          correct:
            'resource "azurerm_storage_account" "training_data" {\n  name                     = "sttrainingdata"\n  resource_group_name      = azurerm_resource_group.ml.name\n  location                 = azurerm_resource_group.ml.location\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n  min_tls_version          = "TLS1_2"\n}\n',
        },
      },
    ],
  },
  {
    id: 'azure/no-storage-shared-key-access',
    description: 'Storage accounts should disable Shared Key (account key) authorization',
    severity: 'info',
    cwe: ['CWE-1390'],
    riskArea: 'development',
    recommended: false,
    risk: 'anyone holding one of the two account keys, or a SAS signed with them, gets full access to all data with no identity attached and no per-user audit',
    why: [
      'Account keys are long-lived secrets with full control of every container, share, queue and table; they',
      'end up in connection strings, app settings and CI variables, and revoking one breaks every client at once.',
      'With Shared Key off, callers use Entra ID (managed identities, RBAC, user delegation SAS). Not recommended by',
      'default: Terraform then needs `storage_use_azuread = true` in the provider block, and some services still need keys.',
    ].join('\n'),
    howToFix: 'Move clients to Entra ID auth, set `storage_use_azuread = true` in the `azurerm` provider block, then set `shared_access_key_enabled = false`.',
    references: [
      { title: 'Terraform: azurerm_storage_account (shared_access_key_enabled defaults to true)', url: registry('storage_account') },
      { title: 'Azure Storage: Prevent Shared Key authorization', url: 'https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent' },
    ],
    terraform: [
      {
        types: ['azurerm_storage_account'],
        path: ['shared_access_key_enabled'],
        expect: { oneOf: [false] },
        default: true,
        fix: false,
        example: {
          incorrect:
            'resource "azurerm_storage_account" "documents" {\n  name                     = "stdocuments"\n  resource_group_name      = azurerm_resource_group.main.name\n  location                 = azurerm_resource_group.main.location\n  account_tier             = "Standard"\n  account_replication_type = "ZRS"\n}\n',
          correct:
            'resource "azurerm_storage_account" "documents" {\n  name                      = "stdocuments"\n  resource_group_name       = azurerm_resource_group.main.name\n  location                  = azurerm_resource_group.main.location\n  account_tier              = "Standard"\n  account_replication_type  = "ZRS"\n  shared_access_key_enabled = false\n}\n',
        },
      },
    ],
  },

  // App Service and Function Apps.
  {
    id: 'azure/require-app-service-https-only',
    description: 'App Service web apps and Function Apps must redirect HTTP to HTTPS',
    severity: 'warning',
    cwe: ['CWE-319'],
    riskArea: 'development',
    risk: 'the app also answers plain HTTP, so cookies, tokens and request bodies (prompts, function keys) can be read or changed on the network',
    why: [
      'Every App Service app gets an HTTPS endpoint, but unless HTTPS Only is on it serves plain HTTP as well: a',
      'link, a misconfigured client or a downgrade attack sends session cookies, bearer tokens and `?code=` function',
      'keys in clear text. The provider defaults to `false`, so an app that does not set it accepts HTTP.',
    ].join('\n'),
    howToFix: 'Set `https_only = true` (App Service then answers HTTP with a redirect to HTTPS).',
    references: [
      { title: 'Terraform: azurerm_linux_web_app (https_only defaults to false)', url: registry('linux_web_app') },
      { title: 'Terraform: azurerm_linux_function_app (https_only defaults to false)', url: registry('linux_function_app') },
      { title: 'Terraform v3: azurerm_app_service (https_only defaults to false)', url: registryV3('app_service') },
      { title: 'Azure App Service: Enforce HTTPS', url: 'https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https' },
    ],
    terraform: [
      {
        types: [...APP_SERVICES, ...LEGACY_APP_SERVICES],
        path: ['https_only'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect:
            'resource "azurerm_linux_web_app" "chat" {\n  name                = "chat-frontend"\n  resource_group_name = azurerm_resource_group.main.name\n  location            = azurerm_service_plan.main.location\n  service_plan_id     = azurerm_service_plan.main.id\n\n  site_config {\n    application_stack {\n      node_version = "20-lts"\n    }\n  }\n}\n',
          correct:
            'resource "azurerm_linux_web_app" "chat" {\n  name                = "chat-frontend"\n  resource_group_name = azurerm_resource_group.main.name\n  location            = azurerm_service_plan.main.location\n  service_plan_id     = azurerm_service_plan.main.id\n  https_only          = true\n\n  site_config {\n    application_stack {\n      node_version = "20-lts"\n    }\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'azure/no-app-service-legacy-tls',
    description: 'App Service web apps and Function Apps must not accept TLS 1.0 or 1.1',
    severity: 'warning',
    cwe: ['CWE-326'],
    riskArea: 'development',
    risk: 'clients may negotiate TLS 1.0 or 1.1, deprecated protocols with known weaknesses, on the app or its Kudu (SCM) deployment site',
    why: [
      'TLS 1.0 and 1.1 are deprecated (RFC 8996) and fail PCI DSS and most compliance baselines. The provider',
      'defaults to TLS 1.2 for both the app and the SCM site (which takes deployments and exposes the file system),',
      'so a lower minimum is an explicit downgrade, usually kept from an old template.',
    ].join('\n'),
    howToFix: 'Set `minimum_tls_version` and `scm_minimum_tls_version` in `site_config` to `"1.2"` (or `"1.3"`); in the v3 `azurerm_app_service` / `azurerm_function_app`, `min_tls_version`.',
    references: [
      { title: 'Terraform: azurerm_linux_web_app site_config (minimum_tls_version defaults to 1.2)', url: registry('linux_web_app') },
      { title: 'Terraform: azurerm_windows_function_app site_config', url: registry('windows_function_app') },
      { title: 'Terraform v3: azurerm_app_service site_config (min_tls_version)', url: registryV3('app_service') },
      { title: 'Azure App Service: Enforce TLS versions', url: 'https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-tls-versions' },
    ],
    terraform: [
      {
        types: APP_SERVICES,
        path: ['site_config', 'minimum_tls_version'],
        expect: { noneOf: ['1.0', '1.1'] },
        fix: '1.2',
        example: {
          incorrect:
            'resource "azurerm_windows_function_app" "ingest" {\n  name                       = "ingest-func"\n  resource_group_name        = azurerm_resource_group.main.name\n  location                   = azurerm_service_plan.main.location\n  service_plan_id            = azurerm_service_plan.main.id\n  storage_account_name       = azurerm_storage_account.func.name\n  storage_account_access_key = azurerm_storage_account.func.primary_access_key\n  https_only                 = true\n\n  site_config {\n    minimum_tls_version = "1.0"\n  }\n}\n',
          correct:
            'resource "azurerm_windows_function_app" "ingest" {\n  name                       = "ingest-func"\n  resource_group_name        = azurerm_resource_group.main.name\n  location                   = azurerm_service_plan.main.location\n  service_plan_id            = azurerm_service_plan.main.id\n  storage_account_name       = azurerm_storage_account.func.name\n  storage_account_access_key = azurerm_storage_account.func.primary_access_key\n  https_only                 = true\n\n  site_config {\n    minimum_tls_version = "1.2"\n  }\n}\n',
        },
      },
      {
        types: APP_SERVICES,
        path: ['site_config', 'scm_minimum_tls_version'],
        expect: { noneOf: ['1.0', '1.1'] },
        fix: '1.2',
        example: {
          incorrect:
            'resource "azurerm_linux_web_app" "admin" {\n  name                = "admin-portal"\n  resource_group_name = azurerm_resource_group.main.name\n  location            = azurerm_service_plan.main.location\n  service_plan_id     = azurerm_service_plan.main.id\n  https_only          = true\n\n  site_config {\n    scm_minimum_tls_version = "1.1"\n  }\n}\n',
          correct:
            'resource "azurerm_linux_web_app" "admin" {\n  name                = "admin-portal"\n  resource_group_name = azurerm_resource_group.main.name\n  location            = azurerm_service_plan.main.location\n  service_plan_id     = azurerm_service_plan.main.id\n  https_only          = true\n\n  site_config {\n    scm_minimum_tls_version = "1.2"\n  }\n}\n',
        },
      },
      {
        types: LEGACY_APP_SERVICES,
        path: ['site_config', 'min_tls_version'],
        expect: { noneOf: ['1.0', '1.1'] },
        fix: '1.2',
        example: {
          incorrect:
            'resource "azurerm_app_service" "legacy_api" {\n  name                = "legacy-api"\n  location            = azurerm_resource_group.main.location\n  resource_group_name = azurerm_resource_group.main.name\n  app_service_plan_id = azurerm_app_service_plan.main.id\n  https_only          = true\n\n  site_config {\n    min_tls_version = "1.0"\n  }\n}\n',
          correct:
            'resource "azurerm_app_service" "legacy_api" {\n  name                = "legacy-api"\n  location            = azurerm_resource_group.main.location\n  resource_group_name = azurerm_resource_group.main.name\n  app_service_plan_id = azurerm_app_service_plan.main.id\n  https_only          = true\n\n  site_config {\n    min_tls_version = "1.2"\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'azure/no-app-service-plain-ftp',
    description: 'App Service web apps and Function Apps must not allow unencrypted FTP',
    severity: 'warning',
    cwe: ['CWE-319'],
    riskArea: 'development',
    risk: 'deployment credentials and the app’s files cross the network in clear text, and whoever captures the credentials can replace the code',
    why: [
      'With `ftps_state = "AllAllowed"` the app’s FTP endpoint accepts plain FTP: the publishing user name and',
      'password, and every file uploaded, travel unencrypted, and a captured password lets anyone deploy code.',
      'The v3/v4 app resources default to `Disabled`; deploy with zip deploy, GitHub Actions or `FtpsOnly` instead.',
    ].join('\n'),
    howToFix: 'Set `site_config.ftps_state` to `"Disabled"` (or `"FtpsOnly"` if you still deploy over FTP).',
    references: [
      { title: 'Terraform: azurerm_linux_web_app site_config (ftps_state defaults to Disabled)', url: registry('linux_web_app') },
      { title: 'Terraform v3: azurerm_app_service site_config (ftps_state)', url: registryV3('app_service') },
      { title: 'Azure App Service: Deploy your app using FTP/S (enforce FTPS)', url: 'https://learn.microsoft.com/azure/app-service/deploy-ftp' },
    ],
    terraform: [
      {
        types: [...APP_SERVICES, ...LEGACY_APP_SERVICES],
        path: ['site_config', 'ftps_state'],
        expect: { noneOf: ['AllAllowed'] },
        fix: 'FtpsOnly',
        example: {
          incorrect:
            'resource "azurerm_windows_web_app" "cms" {\n  name                = "marketing-cms"\n  resource_group_name = azurerm_resource_group.main.name\n  location            = azurerm_service_plan.main.location\n  service_plan_id     = azurerm_service_plan.main.id\n  https_only          = true\n\n  site_config {\n    ftps_state = "AllAllowed"\n  }\n}\n',
          correct:
            'resource "azurerm_windows_web_app" "cms" {\n  name                = "marketing-cms"\n  resource_group_name = azurerm_resource_group.main.name\n  location            = azurerm_service_plan.main.location\n  service_plan_id     = azurerm_service_plan.main.id\n  https_only          = true\n\n  site_config {\n    ftps_state = "Disabled"\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'azure/require-app-service-managed-identity',
    description: 'App Service web apps and Function Apps should have a managed identity',
    severity: 'info',
    cwe: ['CWE-522'],
    riskArea: 'development',
    recommended: false,
    risk: 'the app can reach other Azure services (storage, Key Vault, Azure OpenAI) only with keys or connection strings stored in its settings',
    why: [
      'A managed identity lets the app get Entra ID tokens for storage, Key Vault, SQL and Azure OpenAI without any',
      'secret in `app_settings`, and Key Vault references need one. Without it, keys end up in settings, deployment',
      'pipelines and state files. Not recommended by default: an app that calls no Azure service needs no identity.',
    ].join('\n'),
    howToFix: 'Add an `identity { type = "SystemAssigned" }` block (or a user-assigned identity), grant it roles, and replace keys in app settings with it.',
    references: [
      { title: 'Terraform: azurerm_linux_web_app (identity block)', url: registry('linux_web_app') },
      { title: 'Azure App Service: Use managed identities for App Service and Azure Functions', url: 'https://learn.microsoft.com/azure/app-service/overview-managed-identity' },
    ],
    terraform: [
      {
        types: [...APP_SERVICES, ...LEGACY_APP_SERVICES],
        path: ['identity'],
        expect: { present: true },
        default: null,
        example: {
          incorrect:
            'resource "azurerm_linux_function_app" "summarizer" {\n  name                       = "summarizer-func"\n  resource_group_name        = azurerm_resource_group.ai.name\n  location                   = azurerm_service_plan.ai.location\n  service_plan_id            = azurerm_service_plan.ai.id\n  storage_account_name       = azurerm_storage_account.func.name\n  storage_account_access_key = azurerm_storage_account.func.primary_access_key\n  https_only                 = true\n\n  app_settings = {\n    AZURE_OPENAI_ENDPOINT = azurerm_cognitive_account.openai.endpoint\n    AZURE_OPENAI_API_KEY  = azurerm_cognitive_account.openai.primary_access_key\n  }\n\n  site_config {}\n}\n',
          correct:
            'resource "azurerm_linux_function_app" "summarizer" {\n  name                          = "summarizer-func"\n  resource_group_name           = azurerm_resource_group.ai.name\n  location                      = azurerm_service_plan.ai.location\n  service_plan_id               = azurerm_service_plan.ai.id\n  storage_account_name          = azurerm_storage_account.func.name\n  storage_uses_managed_identity = true\n  https_only                    = true\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  app_settings = {\n    AZURE_OPENAI_ENDPOINT = azurerm_cognitive_account.openai.endpoint\n  }\n\n  site_config {}\n}\n',
        },
      },
    ],
  },

  // Key Vault.
  {
    id: 'azure/require-key-vault-purge-protection',
    description: 'Key vaults should have purge protection on',
    severity: 'info',
    cwe: ['CWE-693'],
    riskArea: 'development',
    risk: 'a deleted vault or key can be purged at once, by mistake or by an attacker, destroying every secret and making data encrypted with its keys unrecoverable',
    why: [
      'Soft delete keeps deleted vaults and keys for the retention period, but without purge protection anyone',
      'with purge permission can erase them immediately: customer-managed keys for storage, SQL or disks go with',
      'them, and so does the data they encrypt (a known ransomware move). Purge protection cannot be turned off',
      'again and keeps the vault name reserved while deleted, so short-lived test vaults may skip it: suppress with that reason.',
    ].join('\n'),
    howToFix: 'Set `purge_protection_enabled = true` (required anyway for vaults that hold customer-managed keys).',
    references: [
      { title: 'Terraform: azurerm_key_vault (purge_protection_enabled defaults to false)', url: registryV3('key_vault') },
      { title: 'Azure Key Vault: Soft-delete and purge protection', url: 'https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview' },
    ],
    terraform: [
      {
        types: ['azurerm_key_vault'],
        path: ['purge_protection_enabled'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect:
            'resource "azurerm_key_vault" "app" {\n  name                       = "kv-app-prod"\n  location                   = azurerm_resource_group.main.location\n  resource_group_name        = azurerm_resource_group.main.name\n  tenant_id                  = data.azurerm_client_config.current.tenant_id\n  sku_name                   = "standard"\n  soft_delete_retention_days = 30\n}\n',
          correct:
            'resource "azurerm_key_vault" "app" {\n  name                       = "kv-app-prod"\n  location                   = azurerm_resource_group.main.location\n  resource_group_name        = azurerm_resource_group.main.name\n  tenant_id                  = data.azurerm_client_config.current.tenant_id\n  sku_name                   = "standard"\n  soft_delete_retention_days = 30\n  purge_protection_enabled   = true\n}\n',
        },
      },
    ],
  },
  {
    id: 'azure/no-public-key-vault',
    description: 'Key vault firewalls must deny access by default',
    severity: 'warning',
    cwe: ['CWE-284'],
    riskArea: 'development',
    risk: 'the vault accepts requests from any network, so a leaked token or over-broad access policy is usable from anywhere on the internet',
    why: [
      'A `network_acls` block with `default_action = "Allow"` lets every network reach the vault; its `ip_rules`',
      'and subnet rules only take effect with `Deny`. Secrets are still protected by Entra ID, but the network is the',
      'second lock that keeps a stolen token from working off-site. Not reported when public network access is off.',
    ].join('\n'),
    howToFix:
      'Set `network_acls.default_action = "Deny"` and list the networks that need the vault in `ip_rules` / `virtual_network_subnet_ids` (keep `bypass = "AzureServices"` for trusted services), or use a private endpoint with `public_network_access_enabled = false`.',
    references: [
      { title: 'Terraform: azurerm_key_vault (network_acls, public_network_access_enabled)', url: registry('key_vault') },
      { title: 'Azure Key Vault: Configure network security', url: 'https://learn.microsoft.com/azure/key-vault/general/network-security' },
    ],
    terraform: [
      {
        types: ['azurerm_key_vault'],
        path: ['network_acls', 'default_action'],
        expect: { noneOf: ['Allow'] },
        fix: 'Deny',
        unless: [{ path: ['public_network_access_enabled'], oneOf: [false] }],
        example: {
          incorrect:
            'resource "azurerm_key_vault" "agent_secrets" {\n  name                = "kv-agent-secrets"\n  location            = azurerm_resource_group.ai.location\n  resource_group_name = azurerm_resource_group.ai.name\n  tenant_id           = data.azurerm_client_config.current.tenant_id\n  sku_name            = "standard"\n\n  network_acls {\n    bypass         = "AzureServices"\n    default_action = "Allow"\n    ip_rules       = ["203.0.113.10/32"]\n  }\n}\n',
          correct:
            'resource "azurerm_key_vault" "agent_secrets" {\n  name                = "kv-agent-secrets"\n  location            = azurerm_resource_group.ai.location\n  resource_group_name = azurerm_resource_group.ai.name\n  tenant_id           = data.azurerm_client_config.current.tenant_id\n  sku_name            = "standard"\n\n  network_acls {\n    bypass         = "AzureServices"\n    default_action = "Deny"\n    ip_rules       = ["203.0.113.10/32"]\n  }\n}\n',
        },
      },
    ],
  },

  // Databases.
  {
    id: 'azure/no-database-legacy-tls',
    description: 'Azure SQL, PostgreSQL and MySQL servers must not accept TLS below 1.2',
    severity: 'warning',
    cwe: ['CWE-326'],
    riskArea: 'development',
    risk: 'database clients may connect with TLS 1.0 or 1.1 (or, with "Disabled", any version), deprecated protocols with known weaknesses',
    why: [
      'The minimum TLS version is enforced at the server: below 1.2, a client or a downgrade attack can use',
      'deprecated protocols (RFC 8996) for logins and query results. The current providers default to TLS 1.2, so',
      'a lower value is an explicit downgrade. On Azure SQL, `Disabled` means every version is accepted and, once a',
      'minimum is set, it cannot be set back. A single server with SSL enforcement off is reported by `azure/require-database-ssl` instead.',
    ].join('\n'),
    howToFix: 'Set `minimum_tls_version = "1.2"` (Azure SQL) or `ssl_minimal_tls_version_enforced = "TLS1_2"` (single-server PostgreSQL / MySQL).',
    references: [
      { title: 'Terraform: azurerm_mssql_server (minimum_tls_version defaults to 1.2)', url: registry('mssql_server') },
      { title: 'Terraform: azurerm_mssql_managed_instance (minimum_tls_version defaults to 1.2)', url: registry('mssql_managed_instance') },
      { title: 'Terraform v3: azurerm_postgresql_server (ssl_minimal_tls_version_enforced)', url: registryV3('postgresql_server') },
      { title: 'Azure SQL: Connectivity settings, minimal TLS version', url: 'https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#minimal-tls-version' },
    ],
    terraform: [
      {
        types: ['azurerm_mssql_server'],
        path: ['minimum_tls_version'],
        expect: { noneOf: ['1.0', '1.1', 'Disabled'] },
        fix: '1.2',
        example: {
          incorrect:
            'resource "azurerm_mssql_server" "orders" {\n  name                         = "sql-orders-prod"\n  resource_group_name          = azurerm_resource_group.data.name\n  location                     = azurerm_resource_group.data.location\n  version                      = "12.0"\n  administrator_login          = "sqladmin"\n  administrator_login_password = var.sql_admin_password\n  minimum_tls_version          = "Disabled"\n}\n',
          correct:
            'resource "azurerm_mssql_server" "orders" {\n  name                         = "sql-orders-prod"\n  resource_group_name          = azurerm_resource_group.data.name\n  location                     = azurerm_resource_group.data.location\n  version                      = "12.0"\n  administrator_login          = "sqladmin"\n  administrator_login_password = var.sql_admin_password\n  minimum_tls_version          = "1.2"\n}\n',
        },
      },
      {
        types: ['azurerm_mssql_managed_instance'],
        path: ['minimum_tls_version'],
        expect: { noneOf: ['1.0', '1.1'] },
        fix: '1.2',
        example: {
          incorrect:
            'resource "azurerm_mssql_managed_instance" "erp" {\n  name                         = "sqlmi-erp"\n  resource_group_name          = azurerm_resource_group.data.name\n  location                     = azurerm_resource_group.data.location\n  license_type                 = "BasePrice"\n  sku_name                     = "GP_Gen5"\n  storage_size_in_gb           = 32\n  subnet_id                    = azurerm_subnet.sqlmi.id\n  vcores                       = 4\n  administrator_login          = "miadmin"\n  administrator_login_password = var.mi_admin_password\n  minimum_tls_version          = "1.0"\n}\n',
          correct:
            'resource "azurerm_mssql_managed_instance" "erp" {\n  name                         = "sqlmi-erp"\n  resource_group_name          = azurerm_resource_group.data.name\n  location                     = azurerm_resource_group.data.location\n  license_type                 = "BasePrice"\n  sku_name                     = "GP_Gen5"\n  storage_size_in_gb           = 32\n  subnet_id                    = azurerm_subnet.sqlmi.id\n  vcores                       = 4\n  administrator_login          = "miadmin"\n  administrator_login_password = var.mi_admin_password\n  minimum_tls_version          = "1.2"\n}\n',
        },
      },
      {
        types: SINGLE_SERVERS,
        path: ['ssl_minimal_tls_version_enforced'],
        expect: { noneOf: ['TLS1_0', 'TLS1_1', 'TLSEnforcementDisabled'] },
        fix: 'TLS1_2',
        unless: [{ path: ['ssl_enforcement_enabled'], oneOf: [false] }],
        example: {
          incorrect:
            'resource "azurerm_postgresql_server" "analytics" {\n  name                             = "psql-analytics"\n  location                         = azurerm_resource_group.data.location\n  resource_group_name              = azurerm_resource_group.data.name\n  sku_name                         = "GP_Gen5_2"\n  version                          = "11"\n  administrator_login              = "psqladmin"\n  administrator_login_password     = var.psql_admin_password\n  ssl_enforcement_enabled          = true\n  ssl_minimal_tls_version_enforced = "TLS1_1"\n}\n',
          correct:
            'resource "azurerm_postgresql_server" "analytics" {\n  name                             = "psql-analytics"\n  location                         = azurerm_resource_group.data.location\n  resource_group_name              = azurerm_resource_group.data.name\n  sku_name                         = "GP_Gen5_2"\n  version                          = "11"\n  administrator_login              = "psqladmin"\n  administrator_login_password     = var.psql_admin_password\n  ssl_enforcement_enabled          = true\n  ssl_minimal_tls_version_enforced = "TLS1_2"\n}\n',
        },
      },
    ],
  },
  {
    id: 'azure/require-database-ssl',
    description: 'Single-server PostgreSQL, MySQL and MariaDB must enforce SSL connections',
    severity: 'warning',
    cwe: ['CWE-319'],
    riskArea: 'development',
    risk: 'clients may connect without encryption, sending the database password and every query result in clear text',
    why: [
      'With SSL enforcement off, the server accepts unencrypted connections: login credentials and data cross the',
      'network (often the public endpoint) readable by anyone on the path. Drivers fall back to plain text silently',
      'when the server allows it. These single-server offerings are retired; migrating to a flexible server is the',
      'lasting fix (where `require_secure_transport` is on by default).',
    ].join('\n'),
    howToFix: 'Set `ssl_enforcement_enabled = true` (and `ssl_minimal_tls_version_enforced = "TLS1_2"`), then connect with `sslmode=require` or stricter.',
    references: [
      { title: 'Terraform v3: azurerm_postgresql_server (ssl_enforcement_enabled)', url: registryV3('postgresql_server') },
      { title: 'Terraform v3: azurerm_mysql_server (ssl_enforcement_enabled)', url: registryV3('mysql_server') },
      { title: 'Terraform v3: azurerm_mariadb_server (ssl_enforcement_enabled)', url: registryV3('mariadb_server') },
      { title: 'Azure Database for PostgreSQL single server: Configure TLS connectivity', url: 'https://learn.microsoft.com/azure/postgresql/single-server/concepts-ssl-connection-security' },
    ],
    terraform: [
      {
        types: [...SINGLE_SERVERS, 'azurerm_mariadb_server'],
        path: ['ssl_enforcement_enabled'],
        expect: { oneOf: [true] },
        fix: true,
        example: {
          incorrect:
            'resource "azurerm_mysql_server" "wordpress" {\n  name                         = "mysql-wordpress"\n  location                     = azurerm_resource_group.web.location\n  resource_group_name          = azurerm_resource_group.web.name\n  sku_name                     = "B_Gen5_1"\n  version                      = "8.0"\n  administrator_login          = "wpadmin"\n  administrator_login_password = var.mysql_admin_password\n  ssl_enforcement_enabled      = false\n}\n',
          correct:
            'resource "azurerm_mysql_server" "wordpress" {\n  name                             = "mysql-wordpress"\n  location                         = azurerm_resource_group.web.location\n  resource_group_name              = azurerm_resource_group.web.name\n  sku_name                         = "B_Gen5_1"\n  version                          = "8.0"\n  administrator_login              = "wpadmin"\n  administrator_login_password     = var.mysql_admin_password\n  ssl_enforcement_enabled          = true\n  ssl_minimal_tls_version_enforced = "TLS1_2"\n}\n',
        },
      },
      {
        types: [...SINGLE_SERVERS, 'azurerm_mariadb_server'],
        path: ['ssl_enforcement'],
        expect: { noneOf: ['Disabled'] },
        fix: 'Enabled',
        example: {
          incorrect:
            'resource "azurerm_postgresql_server" "legacy" {\n  name                         = "psql-legacy"\n  location                     = azurerm_resource_group.data.location\n  resource_group_name          = azurerm_resource_group.data.name\n  sku_name                     = "GP_Gen5_2"\n  version                      = "10"\n  administrator_login          = "psqladmin"\n  administrator_login_password = var.psql_admin_password\n  ssl_enforcement              = "Disabled"\n}\n',
          correct:
            'resource "azurerm_postgresql_server" "legacy" {\n  name                         = "psql-legacy"\n  location                     = azurerm_resource_group.data.location\n  resource_group_name          = azurerm_resource_group.data.name\n  sku_name                     = "GP_Gen5_2"\n  version                      = "10"\n  administrator_login          = "psqladmin"\n  administrator_login_password = var.psql_admin_password\n  ssl_enforcement              = "Enabled"\n}\n',
        },
      },
    ],
  },
  {
    id: 'azure/no-open-database-firewall',
    description: 'Azure database and cache firewall rules must not open the server to the whole internet',
    severity: 'error',
    cwe: ['CWE-284'],
    riskArea: 'development',
    risk: 'the server’s login endpoint is reachable from every address on the internet, where scanners try leaked and guessed passwords around the clock',
    why: [
      'Server firewalls of Azure SQL, PostgreSQL, MySQL, MariaDB, Synapse and Azure Cache for Redis deny everything',
      'until a rule allows a range. A rule that ends at `255.255.255.255` (typically `0.0.0.0`-`255.255.255.255`, added',
      '"to make it work") admits the whole internet, leaving one weak password or SQL-auth leak between an attacker',
      'and the data. The special `0.0.0.0`-`0.0.0.0` rule (Azure services) is not reported.',
    ].join('\n'),
    howToFix: 'List only the public addresses that need the server (office egress, CI runners), or use private endpoints / VNet integration and remove the rule.',
    references: [
      { title: 'Terraform: azurerm_mssql_firewall_rule', url: registry('mssql_firewall_rule') },
      { title: 'Terraform: azurerm_postgresql_flexible_server_firewall_rule', url: registry('postgresql_flexible_server_firewall_rule') },
      { title: 'Terraform: azurerm_redis_firewall_rule', url: registry('redis_firewall_rule') },
      { title: 'Azure SQL: IP firewall rules', url: 'https://learn.microsoft.com/azure/azure-sql/database/firewall-configure' },
    ],
    terraform: [
      {
        types: DATABASE_FIREWALL_RULES,
        path: ['end_ip_address'],
        expect: { noneOf: ['255.255.255.255'] },
        example: {
          incorrect:
            'resource "azurerm_mssql_firewall_rule" "allow_all" {\n  name             = "allow-all"\n  server_id        = azurerm_mssql_server.orders.id\n  start_ip_address = "0.0.0.0"\n  end_ip_address   = "255.255.255.255"\n}\n',
          correct:
            'resource "azurerm_mssql_firewall_rule" "office" {\n  name             = "office-egress"\n  server_id        = azurerm_mssql_server.orders.id\n  start_ip_address = "203.0.113.16"\n  end_ip_address   = "203.0.113.31"\n}\n',
        },
      },
      {
        types: ['azurerm_redis_firewall_rule'],
        path: ['end_ip'],
        expect: { noneOf: ['255.255.255.255'] },
        example: {
          incorrect:
            'resource "azurerm_redis_firewall_rule" "anywhere" {\n  name                = "anywhere"\n  redis_cache_name    = azurerm_redis_cache.sessions.name\n  resource_group_name = azurerm_resource_group.main.name\n  start_ip            = "0.0.0.0"\n  end_ip              = "255.255.255.255"\n}\n',
          correct:
            'resource "azurerm_redis_firewall_rule" "app" {\n  name                = "app_outbound"\n  redis_cache_name    = azurerm_redis_cache.sessions.name\n  resource_group_name = azurerm_resource_group.main.name\n  start_ip            = "198.51.100.7"\n  end_ip              = "198.51.100.7"\n}\n',
        },
      },
    ],
  },

  // AKS.
  {
    id: 'azure/require-aks-rbac',
    description: 'AKS clusters must keep Kubernetes RBAC enabled',
    severity: 'warning',
    cwe: ['CWE-285'],
    riskArea: 'development',
    risk: 'every credential that can reach the API server is a cluster administrator, so one leaked kubeconfig or pod token controls every workload and secret',
    why: [
      'Without Kubernetes RBAC the API server authorises nothing: any authenticated user or service account can',
      'read every Secret, exec into every pod and deploy anything. RBAC is on by default; turning it off is rarely',
      'intended, and it cannot be turned back on without recreating the cluster.',
    ].join('\n'),
    howToFix: 'Remove `role_based_access_control_enabled = false` (v3/v4) or `role_based_access_control { enabled = false }` (v2) and plan for the cluster to be recreated.',
    references: [
      { title: 'Terraform: azurerm_kubernetes_cluster (role_based_access_control_enabled defaults to true)', url: registry('kubernetes_cluster') },
      { title: 'AKS: Access and identity options (Kubernetes RBAC)', url: 'https://learn.microsoft.com/azure/aks/concepts-identity' },
    ],
    terraform: [
      {
        types: ['azurerm_kubernetes_cluster'],
        path: ['role_based_access_control_enabled'],
        expect: { oneOf: [true] },
        example: {
          incorrect:
            'resource "azurerm_kubernetes_cluster" "inference" {\n  name                              = "aks-inference"\n  location                          = azurerm_resource_group.ai.location\n  resource_group_name               = azurerm_resource_group.ai.name\n  dns_prefix                        = "inference"\n  role_based_access_control_enabled = false\n\n  default_node_pool {\n    name       = "system"\n    node_count = 2\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n}\n',
          correct:
            'resource "azurerm_kubernetes_cluster" "inference" {\n  name                              = "aks-inference"\n  location                          = azurerm_resource_group.ai.location\n  resource_group_name               = azurerm_resource_group.ai.name\n  dns_prefix                        = "inference"\n  role_based_access_control_enabled = true\n\n  default_node_pool {\n    name       = "system"\n    node_count = 2\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n}\n',
        },
      },
      {
        types: ['azurerm_kubernetes_cluster'],
        path: ['role_based_access_control', 'enabled'],
        expect: { oneOf: [true] },
        example: {
          incorrect:
            'resource "azurerm_kubernetes_cluster" "batch" {\n  name                = "aks-batch"\n  location            = azurerm_resource_group.main.location\n  resource_group_name = azurerm_resource_group.main.name\n  dns_prefix          = "batch"\n\n  default_node_pool {\n    name       = "default"\n    node_count = 3\n    vm_size    = "Standard_D2s_v3"\n  }\n\n  role_based_access_control {\n    enabled = false\n  }\n}\n',
          correct:
            'resource "azurerm_kubernetes_cluster" "batch" {\n  name                = "aks-batch"\n  location            = azurerm_resource_group.main.location\n  resource_group_name = azurerm_resource_group.main.name\n  dns_prefix          = "batch"\n\n  default_node_pool {\n    name       = "default"\n    node_count = 3\n    vm_size    = "Standard_D2s_v3"\n  }\n\n  role_based_access_control {\n    enabled = true\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'azure/no-aks-local-accounts',
    description: 'AKS clusters should disable local accounts',
    severity: 'info',
    cwe: ['CWE-1390'],
    riskArea: 'development',
    risk: 'the static cluster-admin credential stays available, bypassing Entra ID sign-in, Conditional Access and per-user audit, and it can only be revoked by rotating the cluster certificates',
    why: [
      '`az aks get-credentials --admin` hands out a certificate-based cluster-admin kubeconfig to anyone with the',
      '`listClusterAdminCredential` permission; it does not expire with the user’s account and leaves no user name',
      'in the audit log. With Entra ID integration in place, local accounts are not needed. Only an explicit',
      '`local_account_disabled = false` is reported, since disabling them requires Entra ID integration.',
    ].join('\n'),
    howToFix: 'Configure `azure_active_directory_role_based_access_control` (Entra ID integration) and set `local_account_disabled = true`.',
    references: [
      { title: 'Terraform: azurerm_kubernetes_cluster (local_account_disabled)', url: registry('kubernetes_cluster') },
      { title: 'AKS: Manage local accounts with AKS-managed Microsoft Entra integration', url: 'https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad' },
    ],
    terraform: [
      {
        types: ['azurerm_kubernetes_cluster'],
        path: ['local_account_disabled'],
        expect: { oneOf: [true] },
        fix: true,
        example: {
          incorrect:
            'resource "azurerm_kubernetes_cluster" "platform" {\n  name                   = "aks-platform"\n  location               = azurerm_resource_group.main.location\n  resource_group_name    = azurerm_resource_group.main.name\n  dns_prefix             = "platform"\n  local_account_disabled = false\n\n  default_node_pool {\n    name       = "system"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled     = true\n    admin_group_object_ids = [var.aks_admin_group_id]\n  }\n}\n',
          correct:
            'resource "azurerm_kubernetes_cluster" "platform" {\n  name                   = "aks-platform"\n  location               = azurerm_resource_group.main.location\n  resource_group_name    = azurerm_resource_group.main.name\n  dns_prefix             = "platform"\n  local_account_disabled = true\n\n  default_node_pool {\n    name       = "system"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled     = true\n    admin_group_object_ids = [var.aks_admin_group_id]\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'azure/no-public-aks-api-server',
    description: 'AKS API servers should be private or limited to authorized IP ranges',
    severity: 'info',
    cwe: ['CWE-284'],
    riskArea: 'development',
    risk: 'the Kubernetes API is reachable from the whole internet, one leaked kubeconfig or API server vulnerability away from the cluster',
    why: [
      'By default an AKS cluster’s API server has a public endpoint that accepts connections from any address.',
      'Authentication still applies, but leaked credentials then work from anywhere and the endpoint is exposed to',
      'every future API server flaw. A private cluster, or `api_server_access_profile.authorized_ip_ranges`, limits',
      'who can even connect. Not reported when an API server access profile (or the v3 `api_server_authorized_ip_ranges`) is set.',
    ].join('\n'),
    howToFix: 'Add `api_server_access_profile { authorized_ip_ranges = [...] }` with your office / CI ranges, or create the cluster with `private_cluster_enabled = true` (this recreates an existing cluster).',
    references: [
      { title: 'Terraform: azurerm_kubernetes_cluster (private_cluster_enabled defaults to false)', url: registry('kubernetes_cluster') },
      { title: 'AKS: Create a private cluster', url: 'https://learn.microsoft.com/azure/aks/private-clusters' },
      { title: 'AKS: Secure access to the API server using authorized IP address ranges', url: 'https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges' },
    ],
    terraform: [
      {
        types: ['azurerm_kubernetes_cluster'],
        path: ['private_cluster_enabled'],
        expect: { oneOf: [true] },
        default: false,
        unlessSet: ['api_server_access_profile', 'api_server_authorized_ip_ranges'],
        example: {
          incorrect:
            'resource "azurerm_kubernetes_cluster" "apps" {\n  name                = "aks-apps"\n  location            = azurerm_resource_group.main.location\n  resource_group_name = azurerm_resource_group.main.name\n  dns_prefix          = "apps"\n\n  default_node_pool {\n    name       = "system"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n}\n',
          correct:
            'resource "azurerm_kubernetes_cluster" "apps" {\n  name                = "aks-apps"\n  location            = azurerm_resource_group.main.location\n  resource_group_name = azurerm_resource_group.main.name\n  dns_prefix          = "apps"\n\n  default_node_pool {\n    name       = "system"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  api_server_access_profile {\n    authorized_ip_ranges = ["203.0.113.0/28"]\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'azure/require-aks-network-policy',
    description: 'AKS clusters should enable a network policy engine',
    severity: 'info',
    cwe: ['CWE-284'],
    riskArea: 'development',
    risk: 'every pod can open connections to every other pod, so one compromised workload reaches databases, model servers and internal APIs across all namespaces',
    why: [
      'Kubernetes NetworkPolicy objects do nothing unless the cluster runs a policy engine; AKS installs none unless',
      '`network_profile.network_policy` names one (`azure`, `calico` or `cilium`). Without it, namespaces are not a',
      'network boundary and default-deny policies silently have no effect. The engine is chosen at creation in most',
      'cases, so set it on new clusters.',
    ].join('\n'),
    howToFix: 'Set `network_profile { network_policy = "azure" }` (Azure CNI), `"calico"`, or `"cilium"` (with `network_data_plane = "cilium"`), then add default-deny NetworkPolicies per namespace.',
    references: [
      { title: 'Terraform: azurerm_kubernetes_cluster network_profile (network_policy)', url: registry('kubernetes_cluster') },
      { title: 'AKS: Secure traffic between pods by using network policies', url: 'https://learn.microsoft.com/azure/aks/use-network-policies' },
    ],
    terraform: [
      {
        types: ['azurerm_kubernetes_cluster'],
        path: ['network_profile', 'network_policy'],
        expect: { present: true },
        default: null,
        example: {
          incorrect:
            'resource "azurerm_kubernetes_cluster" "shared" {\n  name                = "aks-shared"\n  location            = azurerm_resource_group.main.location\n  resource_group_name = azurerm_resource_group.main.name\n  dns_prefix          = "shared"\n\n  default_node_pool {\n    name           = "system"\n    node_count     = 3\n    vm_size        = "Standard_D4s_v5"\n    vnet_subnet_id = azurerm_subnet.aks.id\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  network_profile {\n    network_plugin = "azure"\n  }\n}\n',
          correct:
            'resource "azurerm_kubernetes_cluster" "shared" {\n  name                = "aks-shared"\n  location            = azurerm_resource_group.main.location\n  resource_group_name = azurerm_resource_group.main.name\n  dns_prefix          = "shared"\n\n  default_node_pool {\n    name           = "system"\n    node_count     = 3\n    vm_size        = "Standard_D4s_v5"\n    vnet_subnet_id = azurerm_subnet.aks.id\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  network_profile {\n    network_plugin = "azure"\n    network_policy = "azure"\n  }\n}\n',
        },
      },
    ],
  },

  // Container Registry.
  {
    id: 'azure/no-acr-admin-user',
    description: 'Container registries must not enable the admin user',
    severity: 'warning',
    cwe: ['CWE-1390'],
    riskArea: 'supply-chain',
    risk: 'a single shared user name and password can push and pull every image, with no identity in the logs, so whoever copies it can replace images that clusters deploy',
    why: [
      'The admin user is one account per registry with full push and pull rights; its passwords get pasted into',
      'CI variables, docker configs and app settings, and every use looks the same in the logs. Managed identities,',
      'service principals or repository-scoped tokens give each client its own, revocable, least-privilege access.',
    ].join('\n'),
    howToFix: 'Set `admin_enabled = false` and give clients `AcrPull` / `AcrPush` role assignments (AKS: `kubelet_identity`; App Service: managed identity).',
    references: [
      { title: 'Terraform: azurerm_container_registry (admin_enabled defaults to false)', url: registry('container_registry') },
      { title: 'Azure Container Registry: Authentication options (admin account)', url: 'https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account' },
    ],
    terraform: [
      {
        types: ['azurerm_container_registry'],
        path: ['admin_enabled'],
        expect: { oneOf: [false] },
        fix: false,
        example: {
          incorrect:
            'resource "azurerm_container_registry" "models" {\n  name                = "acrmodelsprod"\n  resource_group_name = azurerm_resource_group.ai.name\n  location            = azurerm_resource_group.ai.location\n  sku                 = "Premium"\n  admin_enabled       = true\n}\n',
          correct:
            'resource "azurerm_container_registry" "models" {\n  name                = "acrmodelsprod"\n  resource_group_name = azurerm_resource_group.ai.name\n  location            = azurerm_resource_group.ai.location\n  sku                 = "Premium"\n  admin_enabled       = false\n}\n',
        },
      },
    ],
  },
  {
    id: 'azure/no-acr-anonymous-pull',
    description: 'Container registries must not allow anonymous (unauthenticated) pulls',
    severity: 'error',
    cwe: ['CWE-306'],
    riskArea: 'development',
    risk: 'anyone on the internet can pull every image in the registry, with the code, model weights and any secrets baked into the layers',
    why: [
      'Anonymous pull turns the whole registry public: no credentials are needed to list and download any',
      'repository. Private images often hold proprietary code, fine-tuned models, and secrets left in build layers.',
      'Publish public images from a separate registry (or a public one) instead of opening a private one.',
    ].join('\n'),
    howToFix: 'Set `anonymous_pull_enabled = false` and move images meant for the public to a dedicated registry.',
    references: [
      { title: 'Terraform: azurerm_container_registry (anonymous_pull_enabled)', url: registry('container_registry') },
      { title: 'Azure Container Registry: Make your registry publicly available to anonymous pull access', url: 'https://learn.microsoft.com/azure/container-registry/anonymous-pull-access' },
    ],
    terraform: [
      {
        types: ['azurerm_container_registry'],
        path: ['anonymous_pull_enabled'],
        expect: { oneOf: [false] },
        fix: false,
        example: {
          incorrect:
            'resource "azurerm_container_registry" "internal" {\n  name                   = "acrinternal"\n  resource_group_name    = azurerm_resource_group.main.name\n  location               = azurerm_resource_group.main.location\n  sku                    = "Standard"\n  anonymous_pull_enabled = true\n}\n',
          correct:
            'resource "azurerm_container_registry" "internal" {\n  name                   = "acrinternal"\n  resource_group_name    = azurerm_resource_group.main.name\n  location               = azurerm_resource_group.main.location\n  sku                    = "Standard"\n  anonymous_pull_enabled = false\n}\n',
        },
      },
    ],
  },

  // Cosmos DB.
  {
    id: 'azure/no-public-cosmosdb',
    description: 'Cosmos DB accounts must not accept connections from every network',
    severity: 'warning',
    cwe: ['CWE-284'],
    riskArea: 'development',
    risk: 'the account accepts connections from the whole internet, so a leaked account key or connection string reads and writes all data from anywhere',
    why: [
      'Public network access is on by default and, without an IP filter or virtual network filter, Cosmos DB',
      'accepts requests from any address: the primary key in a connection string is then the only protection, and',
      'such keys leak through app settings and notebooks. Not reported when `ip_range_filter` is set or virtual',
      'network filtering is on, since those restrict the public endpoint.',
    ].join('\n'),
    howToFix: 'Use a private endpoint and set `public_network_access_enabled = false`, or restrict the public endpoint with `ip_range_filter` / `is_virtual_network_filter_enabled` and `virtual_network_rule`.',
    references: [
      { title: 'Terraform: azurerm_cosmosdb_account (public_network_access_enabled defaults to true)', url: registry('cosmosdb_account') },
      { title: 'Azure Cosmos DB: Configure an IP firewall', url: 'https://learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall' },
    ],
    terraform: [
      {
        types: ['azurerm_cosmosdb_account'],
        path: ['public_network_access_enabled'],
        expect: { oneOf: [false] },
        default: true,
        fix: false,
        unlessSet: ['ip_range_filter'],
        unless: [{ path: ['is_virtual_network_filter_enabled'], oneOf: [true] }],
        example: {
          incorrect:
            'resource "azurerm_cosmosdb_account" "memory" {\n  name                = "cosmos-agent-memory"\n  location            = azurerm_resource_group.ai.location\n  resource_group_name = azurerm_resource_group.ai.name\n  offer_type          = "Standard"\n  kind                = "GlobalDocumentDB"\n\n  consistency_policy {\n    consistency_level = "Session"\n  }\n\n  geo_location {\n    location          = azurerm_resource_group.ai.location\n    failover_priority = 0\n  }\n}\n',
          correct:
            'resource "azurerm_cosmosdb_account" "memory" {\n  name                          = "cosmos-agent-memory"\n  location                      = azurerm_resource_group.ai.location\n  resource_group_name           = azurerm_resource_group.ai.name\n  offer_type                    = "Standard"\n  kind                          = "GlobalDocumentDB"\n  public_network_access_enabled = false\n\n  consistency_policy {\n    consistency_level = "Session"\n  }\n\n  geo_location {\n    location          = azurerm_resource_group.ai.location\n    failover_priority = 0\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'azure/no-cosmosdb-key-auth',
    description: 'Cosmos DB (NoSQL API) accounts should disable key-based authentication',
    severity: 'info',
    cwe: ['CWE-1390'],
    riskArea: 'development',
    recommended: false,
    risk: 'anyone holding an account key has full read and write access to every database, with no identity in the logs and no way to revoke one client alone',
    why: [
      'Account keys are shared, long-lived and all-powerful; with local authentication disabled, clients must use',
      'Entra ID tokens and data-plane RBAC roles, which are per identity, revocable and audited. The provider only',
      'allows this for the NoSQL API, so MongoDB accounts (`kind = "MongoDB"`) are not reported; suppress for',
      'Cassandra, Gremlin or Table accounts. Not recommended by default: every client has to move to Entra ID first.',
    ].join('\n'),
    howToFix: 'Grant clients Cosmos DB data-plane roles (`azurerm_cosmosdb_sql_role_assignment`), switch the SDKs to token credentials, then set `local_authentication_disabled = true`.',
    references: [
      { title: 'Terraform: azurerm_cosmosdb_account (local_authentication_disabled defaults to false)', url: registry('cosmosdb_account') },
      { title: 'Azure Cosmos DB: Use data plane role-based access control (disable local auth)', url: 'https://learn.microsoft.com/azure/cosmos-db/how-to-setup-rbac#disable-local-auth' },
    ],
    terraform: [
      {
        types: ['azurerm_cosmosdb_account'],
        path: ['local_authentication_disabled'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        unless: [{ path: ['kind'], oneOf: ['MongoDB'] }],
        example: {
          incorrect:
            'resource "azurerm_cosmosdb_account" "sessions" {\n  name                          = "cosmos-chat-sessions"\n  location                      = azurerm_resource_group.ai.location\n  resource_group_name           = azurerm_resource_group.ai.name\n  offer_type                    = "Standard"\n  kind                          = "GlobalDocumentDB"\n  public_network_access_enabled = false\n\n  consistency_policy {\n    consistency_level = "Session"\n  }\n\n  geo_location {\n    location          = azurerm_resource_group.ai.location\n    failover_priority = 0\n  }\n}\n',
          correct:
            'resource "azurerm_cosmosdb_account" "sessions" {\n  name                          = "cosmos-chat-sessions"\n  location                      = azurerm_resource_group.ai.location\n  resource_group_name           = azurerm_resource_group.ai.name\n  offer_type                    = "Standard"\n  kind                          = "GlobalDocumentDB"\n  public_network_access_enabled = false\n  local_authentication_disabled = true\n\n  consistency_policy {\n    consistency_level = "Session"\n  }\n\n  geo_location {\n    location          = azurerm_resource_group.ai.location\n    failover_priority = 0\n  }\n}\n',
        },
      },
    ],
  },

  // Azure Cache for Redis.
  {
    id: 'azure/require-redis-tls',
    description: 'Azure Cache for Redis must not open the plain-text port or accept TLS below 1.2',
    severity: 'warning',
    cwe: ['CWE-319'],
    riskArea: 'development',
    risk: 'the access key and cached data (sessions, tokens, conversation state) can cross the network unencrypted or over deprecated TLS',
    why: [
      'Port 6379 speaks Redis without TLS: the `AUTH` access key and every cached value travel in clear text.',
      'It is closed by default, as it should stay. TLS 1.0 and 1.1 on port 6380 are deprecated (RFC 8996) and',
      'being retired by Azure; a lower minimum is usually left from an old template.',
    ].join('\n'),
    howToFix: 'Set `non_ssl_port_enabled = false` (`enable_non_ssl_port` in provider v3) and `minimum_tls_version = "1.2"`, and connect clients on port 6380 with TLS.',
    references: [
      { title: 'Terraform: azurerm_redis_cache (non_ssl_port_enabled, minimum_tls_version)', url: registry('redis_cache') },
      { title: 'Terraform v3: azurerm_redis_cache (enable_non_ssl_port)', url: registryV3('redis_cache') },
      { title: 'Azure Cache for Redis: Remove TLS 1.0 and 1.1 from use', url: 'https://learn.microsoft.com/azure/azure-cache-for-redis/cache-remove-tls-10-11' },
    ],
    terraform: [
      {
        types: ['azurerm_redis_cache'],
        path: ['non_ssl_port_enabled'],
        expect: { oneOf: [false] },
        fix: false,
        example: {
          incorrect:
            'resource "azurerm_redis_cache" "sessions" {\n  name                 = "redis-sessions"\n  location             = azurerm_resource_group.main.location\n  resource_group_name  = azurerm_resource_group.main.name\n  capacity             = 1\n  family               = "C"\n  sku_name             = "Standard"\n  non_ssl_port_enabled = true\n}\n',
          correct:
            'resource "azurerm_redis_cache" "sessions" {\n  name                 = "redis-sessions"\n  location             = azurerm_resource_group.main.location\n  resource_group_name  = azurerm_resource_group.main.name\n  capacity             = 1\n  family               = "C"\n  sku_name             = "Standard"\n  non_ssl_port_enabled = false\n  minimum_tls_version  = "1.2"\n}\n',
        },
      },
      {
        types: ['azurerm_redis_cache'],
        path: ['enable_non_ssl_port'],
        expect: { oneOf: [false] },
        fix: false,
        example: {
          incorrect:
            'resource "azurerm_redis_cache" "rate_limits" {\n  name                = "redis-rate-limits"\n  location            = azurerm_resource_group.main.location\n  resource_group_name = azurerm_resource_group.main.name\n  capacity            = 0\n  family              = "C"\n  sku_name            = "Basic"\n  enable_non_ssl_port = true\n}\n',
          correct:
            'resource "azurerm_redis_cache" "rate_limits" {\n  name                = "redis-rate-limits"\n  location            = azurerm_resource_group.main.location\n  resource_group_name = azurerm_resource_group.main.name\n  capacity            = 0\n  family              = "C"\n  sku_name            = "Basic"\n  enable_non_ssl_port = false\n}\n',
        },
      },
      {
        types: ['azurerm_redis_cache'],
        path: ['minimum_tls_version'],
        expect: { noneOf: ['1.0', '1.1'] },
        fix: '1.2',
        example: {
          incorrect:
            'resource "azurerm_redis_cache" "cache" {\n  name                = "redis-cache"\n  location            = azurerm_resource_group.main.location\n  resource_group_name = azurerm_resource_group.main.name\n  capacity            = 1\n  family              = "C"\n  sku_name            = "Standard"\n  minimum_tls_version = "1.0"\n}\n',
          correct:
            'resource "azurerm_redis_cache" "cache" {\n  name                = "redis-cache"\n  location            = azurerm_resource_group.main.location\n  resource_group_name = azurerm_resource_group.main.name\n  capacity            = 1\n  family              = "C"\n  sku_name            = "Standard"\n  minimum_tls_version = "1.2"\n}\n',
        },
      },
    ],
  },
];

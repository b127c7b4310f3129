import type { AttributeCheck } from '../attribute-check';

/** Terraform resources that carry Compute Engine instance metadata and settings. */
const INSTANCE_TYPES = ['google_compute_instance', 'google_compute_instance_template', 'google_compute_region_instance_template'];
/** The same, plus project-wide metadata, which every instance in the project inherits. */
const METADATA_TYPES = [...INSTANCE_TYPES, 'google_compute_project_metadata'];
/** Cloud KMS key purposes that cannot rotate automatically (only `ENCRYPT_DECRYPT` keys can). */
const NON_ROTATING_KEY_PURPOSES = ['ASYMMETRIC_SIGN', 'ASYMMETRIC_DECRYPT', 'RAW_ENCRYPT_DECRYPT', 'MAC', 'KEY_ENCAPSULATION'];

const TF_DOCS = 'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources';

/** Google Cloud settings checked across Terraform and CloudFormation. Each default is cited in `references`. */
export const GCP_CHECKS: readonly AttributeCheck[] = [
  // Cloud Storage

  {
    id: 'gcp/require-gcs-uniform-access',
    description: 'Cloud Storage buckets must use uniform bucket-level access instead of object ACLs',
    severity: 'warning',
    cwe: ['CWE-732'],
    riskArea: 'development',
    risk: 'any object can carry its own ACL, so one upload or script can make a file public or readable by the wrong people while the bucket’s IAM looks correct',
    why: [
      'Without uniform bucket-level access, every object has an ACL of its own next to the bucket’s IAM policy.',
      'An object uploaded with `predefinedAcl=publicRead`, or an ACL left over from a migration, grants access that',
      'the bucket’s IAM bindings do not show, and audits of IAM miss it. Uniform access turns ACLs off, so IAM is the',
      'only place access is granted (CIS GCP 5.2). Organisations created since 2024 may enforce it by policy already.',
    ].join('\n'),
    howToFix: 'Turn on uniform bucket-level access and grant access with IAM bindings on the bucket (or managed folders).',
    references: [
      { title: 'Terraform: google_storage_bucket (uniform_bucket_level_access defaults to false)', url: `${TF_DOCS}/storage_bucket` },
      { title: 'Cloud Storage: Uniform bucket-level access', url: 'https://cloud.google.com/storage/docs/uniform-bucket-level-access' },
    ],
    terraform: [
      {
        types: ['google_storage_bucket'],
        path: ['uniform_bucket_level_access'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect: 'resource "google_storage_bucket" "training_data" {\n  name     = "acme-training-data"\n  location = "EU"\n}\n',
          correct: 'resource "google_storage_bucket" "training_data" {\n  name                        = "acme-training-data"\n  location                    = "EU"\n  uniform_bucket_level_access = true\n}\n',
        },
      },
    ],
  },
  {
    id: 'gcp/require-gcs-public-access-prevention',
    description: 'Cloud Storage buckets should enforce public access prevention',
    severity: 'info',
    cwe: ['CWE-284', 'CWE-200'],
    riskArea: 'development',
    risk: 'nothing stops a later IAM binding or object ACL for allUsers from publishing the bucket’s contents',
    why: [
      'With public access prevention left at `inherited`, the bucket is protected only if an organisation policy',
      'enforces it. Setting it to `enforced` makes grants to `allUsers` and `allAuthenticatedUsers` fail, whoever',
      'adds them and however (a console click, a script, a Terraform module). Buckets that serve a public website',
      '(a `website` block) are not reported; other intentionally public buckets can be suppressed with that reason.',
    ].join('\n'),
    howToFix: 'Set public access prevention to `enforced`; serve public content through Cloud CDN or signed URLs instead.',
    references: [
      { title: 'Terraform: google_storage_bucket (public_access_prevention defaults to "inherited")', url: `${TF_DOCS}/storage_bucket` },
      { title: 'Cloud Storage: Public access prevention', url: 'https://cloud.google.com/storage/docs/public-access-prevention' },
    ],
    terraform: [
      {
        types: ['google_storage_bucket'],
        path: ['public_access_prevention'],
        expect: { oneOf: ['enforced'] },
        default: 'inherited',
        fix: 'enforced',
        unlessSet: ['website'],
        example: {
          incorrect: 'resource "google_storage_bucket" "model_artifacts" {\n  name                        = "acme-model-artifacts"\n  location                    = "US"\n  uniform_bucket_level_access = true\n}\n',
          correct:
            'resource "google_storage_bucket" "model_artifacts" {\n  name                        = "acme-model-artifacts"\n  location                    = "US"\n  uniform_bucket_level_access = true\n  public_access_prevention    = "enforced"\n}\n',
        },
      },
    ],
  },

  // Compute Engine

  {
    id: 'gcp/no-serial-port-access',
    description: 'Compute Engine instances and project metadata must not enable interactive serial console access',
    severity: 'warning',
    cwe: ['CWE-668'],
    riskArea: 'development',
    risk: 'the VM’s console can be reached through ssh-serialport.googleapis.com from any address, around every VPC firewall rule',
    why: [
      'The interactive serial console is reached through a Google endpoint, not the VM’s network, so firewall rules,',
      'private IPs and IAP do not apply to it: anyone with a key accepted by the instance can connect from anywhere,',
      'and an OS account with a password can log in at the console prompt (CIS GCP 4.5). Enable it on one instance',
      'while troubleshooting, and remove it afterwards.',
    ].join('\n'),
    howToFix: 'Remove `serial-port-enable` from the metadata (or set it to `"FALSE"`); use IAP TCP forwarding or OS Login for access.',
    references: [
      { title: 'Terraform: google_compute_instance (metadata)', url: `${TF_DOCS}/compute_instance` },
      { title: 'Terraform: google_compute_project_metadata', url: `${TF_DOCS}/compute_project_metadata` },
      { title: 'Compute Engine: Troubleshooting using the serial console (disabled by default)', url: 'https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console' },
    ],
    terraform: [
      {
        types: METADATA_TYPES,
        path: ['metadata', 'serial-port-enable'],
        expect: { noneOf: ['true'] },
        example: {
          incorrect:
            'resource "google_compute_instance" "inference" {\n  name         = "inference-1"\n  machine_type = "g2-standard-8"\n  zone         = "us-central1-a"\n\n  metadata = {\n    serial-port-enable = "TRUE"\n  }\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    subnetwork = google_compute_subnetwork.private.id\n  }\n}\n',
          correct:
            'resource "google_compute_instance" "inference" {\n  name         = "inference-1"\n  machine_type = "g2-standard-8"\n  zone         = "us-central1-a"\n\n  metadata = {\n    enable-oslogin = "TRUE"\n  }\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    subnetwork = google_compute_subnetwork.private.id\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'gcp/no-disabled-os-login',
    description: 'Compute Engine instances and project metadata must not turn OS Login off',
    severity: 'info',
    cwe: ['CWE-284'],
    riskArea: 'development',
    risk: 'SSH access falls back to keys stored in metadata, which are not tied to IAM and stay valid after their owner leaves',
    why: [
      'OS Login grants SSH access through IAM roles, so removing someone from a group revokes their access, and it',
      'can require 2-step verification. With `enable-oslogin = "FALSE"`, an instance (or the whole project) trusts',
      'any public key written to metadata instead, and nothing expires or audits those keys (CIS GCP 4.4).',
    ].join('\n'),
    howToFix: 'Remove `enable-oslogin = "FALSE"` (or set it to `"TRUE"`), and grant `roles/compute.osLogin` to the people who need access.',
    references: [
      { title: 'Terraform: google_compute_instance (metadata)', url: `${TF_DOCS}/compute_instance` },
      { title: 'Terraform: google_compute_project_metadata', url: `${TF_DOCS}/compute_project_metadata` },
      { title: 'Compute Engine: About OS Login', url: 'https://cloud.google.com/compute/docs/oslogin' },
    ],
    terraform: [
      {
        types: METADATA_TYPES,
        path: ['metadata', 'enable-oslogin'],
        expect: { noneOf: ['false'] },
        example: {
          incorrect: 'resource "google_compute_project_metadata" "default" {\n  metadata = {\n    enable-oslogin = "FALSE"\n  }\n}\n',
          correct: 'resource "google_compute_project_metadata" "default" {\n  metadata = {\n    enable-oslogin = "TRUE"\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'gcp/no-instance-ip-forwarding',
    description: 'Compute Engine instances should not forward packets for other addresses',
    severity: 'info',
    cwe: ['CWE-441'],
    riskArea: 'development',
    risk: 'the VM can send and receive traffic for addresses that are not its own, so a compromise of it can route around network controls',
    why: [
      'IP forwarding turns off Compute Engine’s source and destination address checks for the VM. That is what a',
      'NAT gateway, VPN or network appliance needs, and nothing else does: on an ordinary VM it lets an intruder',
      'relay or spoof traffic inside the VPC (CIS GCP 4.6). Suppress it on routing appliances with that reason.',
    ].join('\n'),
    howToFix: 'Set `can_ip_forward = false` unless the instance is a router, NAT or network appliance (use Cloud NAT where you can).',
    references: [
      { title: 'Terraform: google_compute_instance (can_ip_forward defaults to false)', url: `${TF_DOCS}/compute_instance` },
      { title: 'VPC: Enabling IP forwarding for instances', url: 'https://cloud.google.com/vpc/docs/using-routes#canipforward' },
    ],
    terraform: [
      {
        types: INSTANCE_TYPES,
        path: ['can_ip_forward'],
        expect: { noneOf: [true] },
        default: false,
        fix: false,
        example: {
          incorrect:
            'resource "google_compute_instance_template" "worker" {\n  name_prefix    = "worker-"\n  machine_type   = "e2-standard-4"\n  can_ip_forward = true\n\n  disk {\n    source_image = "debian-cloud/debian-12"\n  }\n\n  network_interface {\n    subnetwork = google_compute_subnetwork.private.id\n  }\n}\n',
          correct:
            'resource "google_compute_instance_template" "worker" {\n  name_prefix    = "worker-"\n  machine_type   = "e2-standard-4"\n  can_ip_forward = false\n\n  disk {\n    source_image = "debian-cloud/debian-12"\n  }\n\n  network_interface {\n    subnetwork = google_compute_subnetwork.private.id\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'gcp/require-shielded-vm-secure-boot',
    description: 'Compute Engine instances should turn on Shielded VM Secure Boot',
    severity: 'info',
    cwe: ['CWE-353'],
    riskArea: 'development',
    risk: 'a rootkit or tampered bootloader or kernel module runs at boot without any signature check',
    why: [
      'Secure Boot checks the signature of every boot component and stops the boot if one fails, which keeps',
      'bootkits and unsigned kernel modules off the VM (CIS GCP 4.8). Terraform leaves it off unless asked. Custom',
      'images and out-of-tree drivers must be signed for it; suppress with that reason where they are not.',
    ].join('\n'),
    howToFix: 'Add `shielded_instance_config { enable_secure_boot = true }` (vTPM and integrity monitoring are on by default).',
    references: [
      { title: 'Terraform: google_compute_instance (shielded_instance_config.enable_secure_boot defaults to false)', url: `${TF_DOCS}/compute_instance` },
      { title: 'Terraform: google_compute_instance_template (enable_secure_boot defaults to false)', url: `${TF_DOCS}/compute_instance_template` },
      { title: 'Compute Engine: Shielded VM', url: 'https://cloud.google.com/compute/shielded-vm/docs/shielded-vm' },
    ],
    terraform: [
      {
        types: INSTANCE_TYPES,
        path: ['shielded_instance_config', 'enable_secure_boot'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect:
            'resource "google_compute_instance" "agent_runner" {\n  name         = "agent-runner"\n  machine_type = "e2-standard-4"\n  zone         = "europe-west1-b"\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    subnetwork = google_compute_subnetwork.private.id\n  }\n}\n',
          correct:
            'resource "google_compute_instance" "agent_runner" {\n  name         = "agent-runner"\n  machine_type = "e2-standard-4"\n  zone         = "europe-west1-b"\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    subnetwork = google_compute_subnetwork.private.id\n  }\n\n  shielded_instance_config {\n    enable_secure_boot = true\n  }\n}\n',
        },
      },
    ],
  },

  // Google Kubernetes Engine

  {
    id: 'gcp/no-gke-legacy-abac',
    description: 'GKE clusters must not enable the legacy ABAC authorizer',
    severity: 'warning',
    cwe: ['CWE-269'],
    riskArea: 'development',
    risk: 'service accounts, nodes and controllers get broad static permissions that RBAC does not show, so any compromised pod can act far beyond its role',
    why: [
      'Legacy ABAC grants permissions outside Kubernetes RBAC and IAM: with it on, identities in the cluster,',
      'including pod service accounts, hold static grants that `kubectl auth can-i` and RBAC reviews do not reveal.',
      'It has been off by default since GKE 1.8 and exists only for old clusters (CIS GKE 5.8.3).',
    ].join('\n'),
    howToFix: 'Remove `enable_legacy_abac` (or set it to `false`) and grant access with RBAC roles and IAM.',
    references: [
      { title: 'Terraform: google_container_cluster (enable_legacy_abac defaults to false)', url: `${TF_DOCS}/container_cluster` },
      { title: 'GKE: Harden your cluster’s security (leave legacy ABAC disabled)', url: 'https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster' },
    ],
    terraform: [
      {
        types: ['google_container_cluster'],
        path: ['enable_legacy_abac'],
        expect: { noneOf: [true] },
        default: false,
        fix: false,
        example: {
          incorrect: 'resource "google_container_cluster" "ml" {\n  name               = "ml-cluster"\n  location           = "us-central1"\n  initial_node_count = 1\n  enable_legacy_abac = true\n}\n',
          correct: 'resource "google_container_cluster" "ml" {\n  name               = "ml-cluster"\n  location           = "us-central1"\n  initial_node_count = 1\n  enable_legacy_abac = false\n}\n',
        },
      },
    ],
  },
  {
    id: 'gcp/no-gke-client-certificate',
    description: 'GKE clusters must not issue a legacy client certificate',
    severity: 'warning',
    cwe: ['CWE-287'],
    riskArea: 'development',
    risk: 'a long-lived credential for the cluster API is written to the Terraform state, and it cannot be revoked without rotating the cluster’s CA',
    why: [
      'A client certificate issued at cluster creation is a static credential: whoever reads it from the Terraform',
      'state or the cluster API can authenticate to the control plane until the cluster’s credentials are rotated.',
      'Authenticate with IAM through `gke-gcloud-auth-plugin` instead (CIS GKE 5.8.2).',
    ].join('\n'),
    howToFix: 'Set `issue_client_certificate = false` (or remove the `master_auth` block) and use IAM-based authentication.',
    references: [
      { title: 'Terraform: google_container_cluster (master_auth.client_certificate_config)', url: `${TF_DOCS}/container_cluster` },
      { title: 'GKE: Authenticating to the Kubernetes API server (legacy client certificates)', url: 'https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication' },
    ],
    terraform: [
      {
        types: ['google_container_cluster'],
        path: ['master_auth', 'client_certificate_config', 'issue_client_certificate'],
        expect: { noneOf: [true] },
        fix: false,
        example: {
          incorrect:
            'resource "google_container_cluster" "ml" {\n  name               = "ml-cluster"\n  location           = "us-central1"\n  initial_node_count = 1\n\n  master_auth {\n    client_certificate_config {\n      issue_client_certificate = true\n    }\n  }\n}\n',
          correct:
            'resource "google_container_cluster" "ml" {\n  name               = "ml-cluster"\n  location           = "us-central1"\n  initial_node_count = 1\n\n  master_auth {\n    client_certificate_config {\n      issue_client_certificate = false\n    }\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'gcp/no-disabled-gke-shielded-nodes',
    description: 'GKE clusters must not turn Shielded GKE Nodes off',
    severity: 'info',
    cwe: ['CWE-290'],
    riskArea: 'development',
    risk: 'an attacker who steals a node’s bootstrap credentials from a pod can impersonate a node and read the secrets of pods scheduled on it',
    why: [
      'Shielded GKE Nodes give each node a verifiable identity and integrity, so the control plane only accepts',
      'kubelets that run on genuine GKE VMs. Without them, credentials exfiltrated from a node are enough to register',
      'a rogue node. The provider turns them on by default; only an explicit `false` is reported (CIS GKE 5.5.5).',
    ].join('\n'),
    howToFix: 'Remove `enable_shielded_nodes = false` (or set it to `true`).',
    references: [
      { title: 'Terraform: google_container_cluster (enable_shielded_nodes defaults to true)', url: `${TF_DOCS}/container_cluster` },
      { title: 'GKE: Using Shielded GKE Nodes', url: 'https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes' },
    ],
    terraform: [
      {
        types: ['google_container_cluster'],
        path: ['enable_shielded_nodes'],
        expect: { oneOf: [true] },
        default: true,
        fix: true,
        example: {
          incorrect: 'resource "google_container_cluster" "ml" {\n  name                  = "ml-cluster"\n  location              = "us-central1"\n  initial_node_count    = 1\n  enable_shielded_nodes = false\n}\n',
          correct: 'resource "google_container_cluster" "ml" {\n  name                  = "ml-cluster"\n  location              = "us-central1"\n  initial_node_count    = 1\n  enable_shielded_nodes = true\n}\n',
        },
      },
    ],
  },
  {
    id: 'gcp/require-gke-private-nodes',
    description: 'GKE clusters should give their nodes internal IP addresses only',
    severity: 'info',
    cwe: ['CWE-668'],
    riskArea: 'development',
    risk: 'every node gets an external IP address, so the nodes are reachable from the internet wherever a firewall rule or NodePort allows it',
    why: [
      'Without private nodes, each node VM has an external IP address: a permissive firewall rule, a `NodePort`',
      'service or a `hostPort` then exposes workloads directly, and nodes can reach the internet without Cloud NAT',
      'or egress controls (CIS GKE 5.6.5). Node pools that set `network_config.enable_private_nodes` themselves are',
      'not seen by this check; suppress with that reason.',
    ].join('\n'),
    howToFix: 'Add `private_cluster_config { enable_private_nodes = true }` and give the nodes egress through Cloud NAT.',
    references: [
      { title: 'Terraform: google_container_cluster (private_cluster_config)', url: `${TF_DOCS}/container_cluster` },
      { title: 'GKE: Creating a private cluster (nodes have external IPs unless private nodes are enabled)', url: 'https://cloud.google.com/kubernetes-engine/docs/how-to/private-clusters' },
    ],
    terraform: [
      {
        types: ['google_container_cluster'],
        path: ['private_cluster_config', 'enable_private_nodes'],
        expect: { oneOf: [true] },
        default: false,
        fix: true,
        example: {
          incorrect: 'resource "google_container_cluster" "ml" {\n  name                     = "ml-cluster"\n  location                 = "us-central1"\n  remove_default_node_pool = true\n  initial_node_count       = 1\n}\n',
          correct:
            'resource "google_container_cluster" "ml" {\n  name                     = "ml-cluster"\n  location                 = "us-central1"\n  remove_default_node_pool = true\n  initial_node_count       = 1\n\n  private_cluster_config {\n    enable_private_nodes   = true\n    master_ipv4_cidr_block = "172.16.0.0/28"\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'gcp/require-gke-workload-identity',
    description: 'GKE Standard clusters should enable Workload Identity Federation',
    severity: 'info',
    cwe: ['CWE-522'],
    riskArea: 'development',
    risk: 'every pod can use the node’s service account, so one compromised container gets the Google Cloud permissions of all workloads on its node',
    why: [
      'Without Workload Identity, pods reach Google APIs with the node VM’s service account (often the Compute',
      'Engine default account with Editor). Workload Identity gives each Kubernetes service account its own IAM',
      'principal and hides the node’s credentials from pods (CIS GKE 5.2.2). Autopilot clusters always have it and',
      'are not reported.',
    ].join('\n'),
    howToFix: 'Add `workload_identity_config { workload_pool = "<project>.svc.id.goog" }` and set `workload_metadata_config { mode = "GKE_METADATA" }` on node pools.',
    references: [
      { title: 'Terraform: google_container_cluster (workload_identity_config)', url: `${TF_DOCS}/container_cluster` },
      { title: 'GKE: Authenticate to Google Cloud APIs from GKE workloads (Workload Identity Federation)', url: 'https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity' },
    ],
    terraform: [
      {
        types: ['google_container_cluster'],
        path: ['workload_identity_config'],
        expect: { present: true },
        default: null,
        unless: [{ path: ['enable_autopilot'], oneOf: [true] }],
        example: {
          incorrect: 'resource "google_container_cluster" "ml" {\n  name                     = "ml-cluster"\n  location                 = "us-central1"\n  remove_default_node_pool = true\n  initial_node_count       = 1\n}\n',
          correct:
            'resource "google_container_cluster" "ml" {\n  name                     = "ml-cluster"\n  location                 = "us-central1"\n  remove_default_node_pool = true\n  initial_node_count       = 1\n\n  workload_identity_config {\n    workload_pool = "acme-ml.svc.id.goog"\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'gcp/no-gke-node-metadata-exposure',
    description: 'GKE node pools must not expose the Compute Engine metadata server to pods',
    severity: 'warning',
    cwe: ['CWE-522'],
    riskArea: 'development',
    risk: 'any pod can fetch the node service account’s access token and the node’s instance metadata from 169.254.169.254',
    why: [
      'With `mode = "GCE_METADATA"`, pods talk to the VM’s own metadata server: an SSRF bug or a compromised container',
      'obtains OAuth tokens for the node’s service account and reads instance attributes meant for the kubelet.',
      '`GKE_METADATA` runs the GKE metadata server instead, which serves only the pod’s own Workload Identity.',
    ].join('\n'),
    howToFix: 'Set `workload_metadata_config { mode = "GKE_METADATA" }` (the cluster needs Workload Identity).',
    references: [
      { title: 'Terraform: google_container_node_pool (node_config.workload_metadata_config.mode)', url: `${TF_DOCS}/container_node_pool` },
      { title: 'Terraform: google_container_cluster (node_config.workload_metadata_config)', url: `${TF_DOCS}/container_cluster` },
      { title: 'GKE: About the GKE metadata server', url: 'https://cloud.google.com/kubernetes-engine/docs/concepts/workload-identity#metadata_server' },
    ],
    terraform: [
      {
        types: ['google_container_node_pool', 'google_container_cluster'],
        path: ['node_config', 'workload_metadata_config', 'mode'],
        expect: { noneOf: ['GCE_METADATA'] },
        fix: 'GKE_METADATA',
        example: {
          incorrect:
            'resource "google_container_node_pool" "gpu" {\n  name       = "gpu-pool"\n  cluster    = google_container_cluster.ml.id\n  node_count = 2\n\n  node_config {\n    machine_type    = "g2-standard-8"\n    service_account = google_service_account.nodes.email\n\n    workload_metadata_config {\n      mode = "GCE_METADATA"\n    }\n  }\n}\n',
          correct:
            'resource "google_container_node_pool" "gpu" {\n  name       = "gpu-pool"\n  cluster    = google_container_cluster.ml.id\n  node_count = 2\n\n  node_config {\n    machine_type    = "g2-standard-8"\n    service_account = google_service_account.nodes.email\n\n    workload_metadata_config {\n      mode = "GKE_METADATA"\n    }\n  }\n}\n',
        },
      },
      {
        types: ['google_container_cluster'],
        path: ['node_pool', 'node_config', 'workload_metadata_config', 'mode'],
        expect: { noneOf: ['GCE_METADATA'] },
        fix: 'GKE_METADATA',
        example: {
          incorrect:
            'resource "google_container_cluster" "ml" {\n  name     = "ml-cluster"\n  location = "us-central1"\n\n  node_pool {\n    name       = "default"\n    node_count = 1\n\n    node_config {\n      workload_metadata_config {\n        mode = "GCE_METADATA"\n      }\n    }\n  }\n}\n',
          correct:
            'resource "google_container_cluster" "ml" {\n  name     = "ml-cluster"\n  location = "us-central1"\n\n  node_pool {\n    name       = "default"\n    node_count = 1\n\n    node_config {\n      workload_metadata_config {\n        mode = "GKE_METADATA"\n      }\n    }\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'gcp/require-gke-network-policy',
    description: 'GKE Standard clusters should enforce Kubernetes network policies',
    severity: 'info',
    cwe: ['CWE-284'],
    riskArea: 'development',
    risk: 'every pod can reach every other pod, so one compromised workload can talk to model servers, databases and internal APIs across namespaces',
    why: [
      'Kubernetes `NetworkPolicy` objects do nothing unless the cluster enforces them, and a GKE Standard cluster',
      'on the legacy datapath does not unless `network_policy` is enabled (CIS GKE 5.6.7). Clusters on Dataplane V2',
      '(`datapath_provider = "ADVANCED_DATAPATH"`) and Autopilot clusters enforce policies built in and are not',
      'reported.',
    ].join('\n'),
    howToFix:
      'Add `network_policy { enabled = true }` together with `addons_config { network_policy_config { disabled = false } }`, or create the cluster with `datapath_provider = "ADVANCED_DATAPATH"`.',
    references: [
      { title: 'Terraform: google_container_cluster (network_policy, datapath_provider defaults to LEGACY_DATAPATH)', url: `${TF_DOCS}/container_cluster` },
      { title: 'GKE: Control communication between Pods and Services using network policies', url: 'https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy' },
    ],
    terraform: [
      {
        types: ['google_container_cluster'],
        path: ['network_policy', 'enabled'],
        expect: { oneOf: [true] },
        default: false,
        unless: [
          { path: ['datapath_provider'], oneOf: ['ADVANCED_DATAPATH'] },
          { path: ['enable_autopilot'], oneOf: [true] },
        ],
        example: {
          incorrect: 'resource "google_container_cluster" "ml" {\n  name                     = "ml-cluster"\n  location                 = "us-central1"\n  remove_default_node_pool = true\n  initial_node_count       = 1\n}\n',
          correct:
            'resource "google_container_cluster" "ml" {\n  name                     = "ml-cluster"\n  location                 = "us-central1"\n  remove_default_node_pool = true\n  initial_node_count       = 1\n  datapath_provider        = "ADVANCED_DATAPATH"\n}\n',
        },
      },
    ],
  },

  // Cloud SQL

  {
    id: 'gcp/no-cloudsql-open-authorized-network',
    description: 'Cloud SQL instances must not authorize connections from the whole internet',
    severity: 'error',
    cwe: ['CWE-284', 'CWE-668'],
    riskArea: 'development',
    risk: 'anyone on the internet can reach the database port directly and try passwords, and scanners find such instances within hours',
    why: [
      'An authorized network of `0.0.0.0/0` lets every address connect to the instance’s public IP on the database',
      'port. The database password is then the only barrier, and it is exposed to brute force and to every future',
      'engine vulnerability (CIS GCP 6.5). Connect through the Cloud SQL Auth Proxy or connectors (IAM-authorized),',
      'private IP, or list the specific address ranges that need access.',
    ].join('\n'),
    howToFix: 'Remove the `0.0.0.0/0` entry; use private IP or the Cloud SQL Auth Proxy, or authorize specific CIDR ranges.',
    references: [
      { title: 'Terraform: google_sql_database_instance (settings.ip_configuration.authorized_networks)', url: `${TF_DOCS}/sql_database_instance` },
      { title: 'Cloud SQL: Authorize with authorized networks', url: 'https://cloud.google.com/sql/docs/mysql/authorize-networks' },
    ],
    terraform: [
      {
        types: ['google_sql_database_instance'],
        path: ['settings', 'ip_configuration', 'authorized_networks', 'value'],
        expect: { noneOf: ['0.0.0.0/0', '::/0'] },
        example: {
          incorrect:
            'resource "google_sql_database_instance" "vectors" {\n  name             = "vectors"\n  database_version = "POSTGRES_16"\n  region           = "us-central1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n    ip_configuration {\n      ssl_mode = "ENCRYPTED_ONLY"\n\n      authorized_networks {\n        name  = "anywhere"\n        value = "0.0.0.0/0"\n      }\n    }\n  }\n}\n',
          correct:
            'resource "google_sql_database_instance" "vectors" {\n  name             = "vectors"\n  database_version = "POSTGRES_16"\n  region           = "us-central1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n    ip_configuration {\n      ssl_mode = "ENCRYPTED_ONLY"\n\n      authorized_networks {\n        name  = "office"\n        value = "203.0.113.0/24"\n      }\n    }\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'gcp/no-cloudsql-public-ip',
    description: 'Cloud SQL instances should not get a public IP address',
    severity: 'info',
    cwe: ['CWE-668'],
    riskArea: 'development',
    risk: 'the database listens on an internet address, one authorized-network entry away from direct exposure',
    why: [
      'Terraform assigns a public IPv4 address unless `ipv4_enabled = false`, even when a private network is set.',
      'Without authorized networks only the Cloud SQL Auth Proxy and connectors can use it, which is why this is',
      'only informational; but a single `authorized_networks` entry later exposes the database port (CIS GCP 6.6).',
      'Prefer private IP (or Private Service Connect) and suppress with a reason where public IP is deliberate.',
    ].join('\n'),
    howToFix: 'Set `private_network` (private services access) and `ipv4_enabled = false` in `settings.ip_configuration`.',
    references: [
      { title: 'Terraform: google_sql_database_instance (settings.ip_configuration.ipv4_enabled)', url: `${TF_DOCS}/sql_database_instance` },
      {
        title: 'terraform-provider-google: ipv4_enabled is declared with Default: true in the resource schema',
        url: 'https://github.com/hashicorp/terraform-provider-google/blob/main/google/services/sql/resource_sql_database_instance.go',
      },
      { title: 'Cloud SQL: Configure private IP', url: 'https://cloud.google.com/sql/docs/mysql/configure-private-ip' },
    ],
    terraform: [
      {
        types: ['google_sql_database_instance'],
        path: ['settings', 'ip_configuration', 'ipv4_enabled'],
        expect: { oneOf: [false] },
        default: true,
        example: {
          incorrect:
            'resource "google_sql_database_instance" "app" {\n  name             = "app"\n  database_version = "MYSQL_8_0"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-custom-2-7680"\n  }\n}\n',
          correct:
            'resource "google_sql_database_instance" "app" {\n  name             = "app"\n  database_version = "MYSQL_8_0"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n    ip_configuration {\n      ipv4_enabled    = false\n      private_network = google_compute_network.private.id\n    }\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'gcp/require-cloudsql-ssl',
    description: 'Cloud SQL instances must not accept unencrypted connections',
    severity: 'warning',
    cwe: ['CWE-319'],
    riskArea: 'development',
    risk: 'clients that connect directly can send credentials and query results in clear text, readable by anyone on the network path',
    why: [
      'With `ALLOW_UNENCRYPTED_AND_ENCRYPTED` (or `require_ssl = false` in provider 5.x) the server accepts plain',
      'TCP connections on its public and private IPs. A misconfigured client then sends the database password and',
      'data unencrypted (CIS GCP 6.4). Connections through the Cloud SQL Auth Proxy are encrypted regardless; require',
      'TLS so direct connections are too.',
    ].join('\n'),
    howToFix: 'Set `ssl_mode = "ENCRYPTED_ONLY"` (or `TRUSTED_CLIENT_CERTIFICATE_REQUIRED` for MySQL and PostgreSQL) in `settings.ip_configuration`.',
    references: [
      { title: 'Terraform: google_sql_database_instance (settings.ip_configuration.ssl_mode, require_ssl)', url: `${TF_DOCS}/sql_database_instance` },
      { title: 'Cloud SQL: Configure SSL/TLS certificates (enforce SSL/TLS encryption)', url: 'https://cloud.google.com/sql/docs/mysql/configure-ssl-instance' },
    ],
    terraform: [
      {
        types: ['google_sql_database_instance'],
        path: ['settings', 'ip_configuration', 'ssl_mode'],
        expect: { noneOf: ['ALLOW_UNENCRYPTED_AND_ENCRYPTED'] },
        fix: 'ENCRYPTED_ONLY',
        example: {
          incorrect:
            'resource "google_sql_database_instance" "app" {\n  name             = "app"\n  database_version = "POSTGRES_16"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n    ip_configuration {\n      ipv4_enabled    = false\n      private_network = google_compute_network.private.id\n      ssl_mode        = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"\n    }\n  }\n}\n',
          correct:
            'resource "google_sql_database_instance" "app" {\n  name             = "app"\n  database_version = "POSTGRES_16"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n    ip_configuration {\n      ipv4_enabled    = false\n      private_network = google_compute_network.private.id\n      ssl_mode        = "ENCRYPTED_ONLY"\n    }\n  }\n}\n',
        },
      },
      {
        types: ['google_sql_database_instance'],
        path: ['settings', 'ip_configuration', 'require_ssl'],
        expect: { oneOf: [true] },
        example: {
          incorrect:
            'resource "google_sql_database_instance" "legacy" {\n  name             = "legacy"\n  database_version = "MYSQL_8_0"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n    ip_configuration {\n      ipv4_enabled    = false\n      private_network = google_compute_network.private.id\n      require_ssl     = false\n    }\n  }\n}\n',
          correct:
            'resource "google_sql_database_instance" "legacy" {\n  name             = "legacy"\n  database_version = "MYSQL_8_0"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n    ip_configuration {\n      ipv4_enabled    = false\n      private_network = google_compute_network.private.id\n      require_ssl     = true\n    }\n  }\n}\n',
        },
      },
    ],
  },
  {
    id: 'gcp/no-disabled-cloudsql-backups',
    description: 'Cloud SQL instances must not turn automated backups off',
    severity: 'info',
    cwe: ['CWE-693'],
    riskArea: 'development',
    risk: 'a bad migration, a deleted table or ransomware leaves no backup to restore from',
    why: [
      'Automated backups (and point-in-time recovery, which needs them) are the only way back from data loss that',
      'replication copies faithfully: a dropped table, a corrupting deploy or a compromised account (CIS GCP 6.7).',
      'Only an explicit `enabled = false` is reported; read replicas (`master_instance_name`) cannot have backups.',
    ].join('\n'),
    howToFix: 'Set `settings.backup_configuration.enabled = true` (and `point_in_time_recovery_enabled` or `binary_log_enabled` for PITR).',
    references: [
      { title: 'Terraform: google_sql_database_instance (settings.backup_configuration.enabled)', url: `${TF_DOCS}/sql_database_instance` },
      { title: 'Cloud SQL: About Cloud SQL backups', url: 'https://cloud.google.com/sql/docs/mysql/backup-recovery/backups' },
    ],
    terraform: [
      {
        types: ['google_sql_database_instance'],
        path: ['settings', 'backup_configuration', 'enabled'],
        expect: { oneOf: [true] },
        fix: true,
        unlessSet: ['master_instance_name'],
        example: {
          incorrect:
            'resource "google_sql_database_instance" "app" {\n  name             = "app"\n  database_version = "POSTGRES_16"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n    backup_configuration {\n      enabled = false\n    }\n  }\n}\n',
          correct:
            'resource "google_sql_database_instance" "app" {\n  name             = "app"\n  database_version = "POSTGRES_16"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n    backup_configuration {\n      enabled                        = true\n      point_in_time_recovery_enabled = true\n    }\n  }\n}\n',
        },
      },
    ],
  },

  // Cloud KMS and Cloud DNS

  {
    id: 'gcp/require-kms-key-rotation',
    description: 'Symmetric Cloud KMS keys should rotate automatically',
    severity: 'info',
    cwe: ['CWE-320'],
    riskArea: 'development',
    risk: 'one key version encrypts data for the key’s whole life, so a leaked or broken version exposes everything it ever protected',
    why: [
      'Without `rotation_period`, Cloud KMS never creates a new primary version: one version protects years of data.',
      'Rotation keeps old versions for decryption, so it costs nothing in availability (CIS GCP 1.10 asks for 90 days',
      'or less). Asymmetric, MAC and raw keys cannot rotate automatically, nor can keys whose versions are imported',
      '(`skip_initial_version_creation = true`); they are not reported.',
    ].join('\n'),
    howToFix: 'Set `rotation_period` (for example `"7776000s"`, 90 days).',
    references: [
      { title: 'Terraform: google_kms_crypto_key (rotation_period is optional; purpose defaults to ENCRYPT_DECRYPT)', url: `${TF_DOCS}/kms_crypto_key` },
      { title: 'Cloud KMS: Key rotation', url: 'https://cloud.google.com/kms/docs/key-rotation' },
    ],
    terraform: [
      {
        types: ['google_kms_crypto_key'],
        path: ['rotation_period'],
        expect: { present: true },
        default: null,
        fix: '7776000s',
        unless: [
          { path: ['purpose'], oneOf: NON_ROTATING_KEY_PURPOSES },
          { path: ['skip_initial_version_creation'], oneOf: [true] },
        ],
        example: {
          incorrect: 'resource "google_kms_crypto_key" "embeddings" {\n  name     = "embeddings"\n  key_ring = google_kms_key_ring.ml.id\n}\n',
          correct: 'resource "google_kms_crypto_key" "embeddings" {\n  name            = "embeddings"\n  key_ring        = google_kms_key_ring.ml.id\n  rotation_period = "7776000s"\n}\n',
        },
      },
    ],
  },
  {
    id: 'gcp/no-disabled-dnssec',
    description: 'Public Cloud DNS zones must not turn DNSSEC off',
    severity: 'info',
    cwe: ['CWE-345'],
    riskArea: 'development',
    risk: 'resolvers cannot verify the zone’s answers, so cache poisoning or a hijacked path can redirect users and API clients to an attacker',
    why: [
      'DNSSEC signs the zone’s records so validating resolvers reject forged answers (CIS GCP 3.3). A zone that',
      'sets `dnssec_config { state = "off" }` gives that up. Turning it on also needs the DS record at the',
      'registrar to take effect. Private zones do not support DNSSEC and are not reported; only an explicit `off`',
      'is, because the provider documents no default.',
    ].join('\n'),
    howToFix: 'Set `dnssec_config { state = "on" }` and publish the DS record with your registrar.',
    references: [
      { title: 'Terraform: google_dns_managed_zone (dnssec_config.state)', url: `${TF_DOCS}/dns_managed_zone` },
      { title: 'Cloud DNS: Manage DNSSEC configuration', url: 'https://cloud.google.com/dns/docs/dnssec-config' },
    ],
    terraform: [
      {
        types: ['google_dns_managed_zone'],
        path: ['dnssec_config', 'state'],
        expect: { noneOf: ['off'] },
        fix: 'on',
        unless: [{ path: ['visibility'], oneOf: ['private'] }],
        example: {
          incorrect: 'resource "google_dns_managed_zone" "public" {\n  name     = "acme-ai"\n  dns_name = "acme.ai."\n\n  dnssec_config {\n    state = "off"\n  }\n}\n',
          correct: 'resource "google_dns_managed_zone" "public" {\n  name     = "acme-ai"\n  dns_name = "acme.ai."\n\n  dnssec_config {\n    state = "on"\n  }\n}\n',
        },
      },
    ],
  },
];

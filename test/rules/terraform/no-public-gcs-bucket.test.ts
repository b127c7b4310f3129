import rule from '../../../src/rules/terraform/no-public-gcs-bucket';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'gcs.tf';

describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: 'resource "google_storage_bucket_iam_member" "m" {\n  bucket = google_storage_bucket.b.name\n  role   = "roles/storage.objectViewer"\n  member = "group:data@example.com"\n}\n', name: 'named group' },
      { filename: f, code: 'resource "google_storage_bucket_iam_binding" "b" {\n  bucket  = google_storage_bucket.b.name\n  role    = "roles/storage.objectViewer"\n  members = ["serviceAccount:app@p.iam.gserviceaccount.com", var.reader]\n}\n', name: 'service account and unknown' },
      { filename: f, code: 'resource "google_storage_bucket_iam_member" "m" {\n  bucket = google_storage_bucket.b.name\n  role   = "roles/storage.objectViewer"\n  member = var.member\n}\n', name: 'unknown member' },
    ],
    invalid: [
      {
        filename: f,
        code: 'resource "google_storage_bucket_iam_member" "m" {\n  bucket = google_storage_bucket.b.name\n  role   = "roles/storage.objectViewer"\n  member = "allUsers"\n}\n',
        errors: [{ messageId: 'publicMember', line: 4, column: 3, endLine: 4, endColumn: 22 }],
      },
      {
        filename: f,
        code: 'resource "google_storage_bucket_iam_binding" "b" {\n  bucket  = google_storage_bucket.b.name\n  role    = "roles/storage.admin"\n  members = [\n    "user:ops@example.com",\n    "allAuthenticatedUsers",\n  ]\n}\n',
        errors: [{ messageId: 'publicMember', line: 4, column: 3, endLine: 7, endColumn: 4 }],
      },
    ],
  });
});

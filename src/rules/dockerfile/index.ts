import type { Rule } from '../../engine/rule';
import noAddLocalFile from './no-add-local-file';
import noAddRemoteUrl from './no-add-remote-url';
import noChmod777 from './no-chmod-777';
import noCurlPipeShell from './no-curl-pipe-shell';
import noLatestBaseImage from './no-latest-base-image';
import noSecretInEnv from './no-secret-in-env';
import noSecretInRun from './no-secret-in-run';
import noSudo from './no-sudo';
import requireNonRootUser from './require-non-root-user';
import requirePinnedPackageVersions from './require-pinned-package-versions';

/** The Dockerfile rules; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [
  noLatestBaseImage,
  requireNonRootUser,
  noCurlPipeShell,
  noAddRemoteUrl,
  noSecretInEnv,
  noSudo,
  noChmod777,
  noAddLocalFile,
  noSecretInRun,
  requirePinnedPackageVersions,
] as Rule[];

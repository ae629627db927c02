#!/usr/bin/env node
// Runs the compiled JavaScript (`npm run build` writes dist/; `npm ci` runs it through `prepare`).
require('../dist/src/cli/main.js');

#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so the command is always the code in the tree.
require('tsx/cjs');
require('../src/cli/main.ts');

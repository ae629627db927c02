// jest globalSetup: the bin, the local executor's trainer children and the shipped-file-set tests run
// the compiled JavaScript, so compile it first (incremental: a few seconds when nothing changed).
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function buildDist() {
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
};

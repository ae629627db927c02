/** Slow science checks: `npm run test:slow`. Never part of `npm test`. */
const base = require('./jest.config.js');
module.exports = {
  ...base,
  testMatch: ['**/*.slow.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 60 * 60 * 1000,
};

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'cdk.out/**',
      'bin/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
      'out/**',
      'runs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-console': ['error'],
    },
  },
  {
    files: ['src/cli/**', 'bench/**', 'infra/bin/**', 'test/**', 'workflows/local/main.ts'],
    rules: { 'no-console': 'off' },
  },
);

import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'os', 'crypto', 'http', 'net', 'stream', 'url'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // STYLE.md boundaries: core and shared never import a value from electron.
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/host/**/*.ts', 'shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'core, cli, host and shared run in plain Node: take Electron pieces as arguments.', allowTypeImports: false }] },
      ],
    },
  },
  {
    // The renderer and shared code run in a browser: no Node built-ins.
    files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: nodeBuiltins, message: 'renderer and shared run in the browser: no Node built-ins.' }],
          paths: [{ name: 'electron', message: 'the renderer talks only to the contract client.' }],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/main/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
);

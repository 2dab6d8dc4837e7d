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
    // Core runs under every entry point (the app, the CLI, browser mode, tests), so it never reaches into one of them:
    // they compose core, not the other way round.
    files: ['electron/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core runs in plain Node: take Electron pieces as arguments.', allowTypeImports: false }],
          patterns: [
            {
              regex: '^(\\.\\./)+(main|cli|host)(/|$)',
              message: 'electron/core cannot import electron/main, electron/cli or electron/host: pass what it needs in.',
            },
          ],
        },
      ],
      // One writer per table: rows of `clips` are written only by library/clips-store.ts (one clips:changed per operation).
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[value=/\\b(INSERT(\\s+OR\\s+\\w+)?\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+clips\\b/i]',
          message: 'Only library/clips-store.ts writes the clips table: go through the ClipsStore.',
        },
        {
          selector: 'TemplateElement[value.raw=/\\b(INSERT(\\s+OR\\s+\\w+)?\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+clips\\b/i]',
          message: 'Only library/clips-store.ts writes the clips table: go through the ClipsStore.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '../library/clips-store',
              importNames: ['insertClip', 'updateClip'],
              message: 'Row-level writers are for test fixtures; core writes clips through the ClipsStore.',
            },
            {
              name: './clips-store',
              importNames: ['insertClip', 'updateClip'],
              message: 'Row-level writers are for test fixtures; core writes clips through the ClipsStore.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/library/clips-store.ts', 'electron/core/library/migrations/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
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

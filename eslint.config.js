import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What the UI may not import: Electron, storage, Node, and the other processes' code. */
const uiPatterns = ['electron', 'dexie', 'node:*', '**/model/**', '**/main/**', '**/preload/**'];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist-web/**',
      'bench/.data/**',
      'bench/.dist/**',
      'node_modules/**',
      'resources/**',
      'test/e2e/.profiles/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    // eslint-plugin-react-hooks' recommended preset: the rules of hooks plus the React Compiler's checks (no
    // setState in an effect, no ref read during render, memo dependencies that hold).
    ...reactHooks.configs.flat.recommended,
  },
  // The layering (docs/architecture.md, "The contract"), enforced: the model never sees Electron, React or Node;
  // the UI never reaches into the model except through the model-host and browser-host entries.
  {
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['electron', 'react', 'react-dom', 'node:*', '**/renderer/**', '**/main/**', '**/preload/**'] },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'electron',
            'react',
            'dexie',
            'node:*',
            '**/model/**',
            '**/renderer/**',
            '**/main/**',
            '**/preload/**',
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: uiPatterns }],
      // The host's bridge is read in bridge.ts only; views read and follow the model through the data layer
      // (data/: queries, mutations, onModelEvent), so every answer goes through one cache and one subscription.
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'territory', message: 'Go through the data layer (src/renderer/app/data).' },
        { object: 'window', property: 'desktop', message: 'Import `desktop` from bridge.ts.' },
        { object: 'globalThis', property: 'territory', message: 'Go through the data layer (src/renderer/app/data).' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'territory', message: 'Go through the data layer (src/renderer/app/data).' },
      ],
    },
  },
  {
    files: ['src/renderer/app/bridge.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  // Views read and change the model through the data layer (useModelQuery, mutate, callModel), never through the
  // bridge's client: one cache, one place that knows which answers a change makes stale.
  {
    files: ['src/renderer/app/views/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiPatterns },
            {
              group: ['**/bridge'],
              importNames: ['model', 'territoryBridge'],
              message: 'Views go through the data layer (src/renderer/app/data): useModelQuery, mutate, callModel.',
            },
          ],
        },
      ],
    },
  },
  // The engine is pure functions over plain data: no storage, no service, no Dexie (docs/architecture.md).
  {
    files: ['src/model/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'electron',
            'react',
            'react-dom',
            'node:*',
            'dexie',
            'dexie/*',
            '**/renderer/**',
            '**/main/**',
            '**/preload/**',
            '**/model/service/**',
            '**/model/db/**',
            '../service/**',
            '../db/**',
            '../../service/**',
            '../../db/**',
          ],
        },
      ],
    },
  },
);

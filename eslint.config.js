import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // The layering of ARCHITECTURE.md, enforced: the model never sees Electron, React or Node; the UI never
  // reaches into the model except through the model-host and browser-host entries.
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
      'no-restricted-imports': [
        'error',
        { patterns: ['electron', 'dexie', 'node:*', '**/model/**', '**/main/**', '**/preload/**'] },
      ],
    },
  },
);

import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Import boundaries from shared/docs/architecture.md, enforced so they cannot
// rot: renderer -> shared; electron/* -> shared; cli -> shared,
// electron/services; electron/main -> electron/services; shared -> nothing.
const nodeBuiltins = { regex: '^node:', message: 'shared/ and renderer/ must stay free of Node built-ins.' };
const bareNodeBuiltins = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'zlib',
  'stream',
];
const electronPkg = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const restrict = (patterns, paths = []) => ['error', { patterns, paths }];

export const boundaryRules = [
  {
    files: ['shared/**/*.ts', 'shared/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrict(
        [
          { ...nodeBuiltins },
          {
            group: ['**/electron/**', '**/renderer/**', '**/cli/**', '**/tests/**', '**/scripts/**'],
            message: 'shared/ imports nothing from the other rooms.',
          },
          {
            group: ['react', 'react-dom', 'react/*', 'zustand', '@cornerstonejs/*'],
            message: 'shared/ is pure: no UI or Cornerstone.',
          },
        ],
        [electronPkg, ...bareNodeBuiltins.map((name) => ({ name, message: 'shared/ is pure: no Node built-ins.' }))],
      ),
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrict(
        [
          { ...nodeBuiltins },
          {
            group: ['**/electron/**', '**/cli/**', '**/scripts/**'],
            message: 'The renderer talks to the host only through window.liverplan; never import electron/.',
          },
        ],
        [electronPkg, ...bareNodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node.' }))],
      ),
    },
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          {
            group: [
              '**/renderer/**',
              '**/cli/**',
              '**/electron/main/**',
              '**/electron/preload/**',
              '../main/**',
              '../preload/**',
              '../../main/**',
              '../../preload/**',
            ],
            message: 'services/ may import shared/ and node only.',
          },
        ],
        [{ name: 'electron', message: 'services/ never imports electron, so the CLI can reuse it.' }],
      ),
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/renderer/**', '**/cli/**', '**/preload/**'],
          message: 'electron/main may import electron/services and shared/ only.',
        },
      ]),
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/renderer/**', '**/cli/**', '**/services/**', '**/main/**'],
          message: 'The preload imports electron and shared/ only.',
        },
        { ...nodeBuiltins },
      ]),
    },
  },
  {
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          {
            group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'],
            message: 'cli/ may import shared/ and electron/services only.',
          },
        ],
        [electronPkg],
      ),
    },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  ...boundaryRules,
);

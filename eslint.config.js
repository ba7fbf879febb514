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

// Test helpers live in testing/ folders (or *.test.ts); product files never import them.
const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', 'tests/**', 'scripts/**'];
const noTestingImports = {
  regex: '(^|/)testing(/|$)',
  message: 'testing/ folders hold test helpers: only *.test.ts, testing/, tests/ and scripts/ may import them.',
};

// One entry per room for product files (which may not import testing/) and one for its tests;
// no-restricted-imports does not merge across config objects, so each entry carries the whole list.
function room(files, patterns, paths = []) {
  const testsOf = files.flatMap((glob) => [
    glob.replace(/\*\*\/\*\.(.+)$/, '**/*.test.$1'),
    glob.replace(/\*\*\/\*/, '**/testing/**/*'),
  ]);
  return [
    { files, ignores: testFiles, rules: { 'no-restricted-imports': restrict([...patterns, noTestingImports], paths) } },
    { files: testsOf, rules: { 'no-restricted-imports': restrict(patterns, paths) } },
  ];
}

const sharedPatterns = [
  { ...nodeBuiltins },
  {
    group: ['**/electron/**', '**/renderer/**', '**/cli/**', '**/tests/**', '**/scripts/**'],
    message: 'shared/ imports nothing from the other rooms.',
  },
  {
    group: ['react', 'react-dom', 'react/*', 'zustand', '@cornerstonejs/*'],
    message: 'shared/ is pure: no UI or Cornerstone.',
  },
];
const sharedPaths = [
  electronPkg,
  ...bareNodeBuiltins.map((name) => ({ name, message: 'shared/ is pure: no Node built-ins.' })),
];
const rendererPatterns = [
  { ...nodeBuiltins },
  {
    group: ['**/electron/**', '**/cli/**', '**/scripts/**'],
    message: 'The renderer talks to the host only through window.liverplan; never import electron/.',
  },
];
const rendererPaths = [
  electronPkg,
  ...bareNodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node.' })),
];

// Layering inside renderer/src: a feature folder (one per workspace) reaches another feature only
// through that feature's index.ts, its public surface. Open to every feature: store/, case/,
// components/, cornerstone/, api.ts, and the viewer's public files, since every workspace draws in
// the viewer. workspaces/ composes the features' panels and is not a feature itself.
const FEATURES = ['ablation', 'confirm', 'import', 'plan', 'practice', 'report', 'segmentation', 'territory', 'viewer'];
const VIEWER_PUBLIC = [
  'viewerEngine',
  'viewerEvents',
  'viewerStore',
  'useViewportProjection',
  'frameOverlay',
  'seriesWindow',
];
function featurePatterns(feature) {
  const others = FEATURES.filter((f) => f !== feature && f !== 'viewer');
  const patterns = [
    {
      regex: `^(\\.\\./)+(${others.join('|')})/`,
      message: `A feature imports another feature through its index.ts ('../<feature>'), not its internals.`,
    },
  ];
  if (feature !== 'viewer')
    patterns.push({
      regex: `^(\\.\\./)+viewer/(?!(${VIEWER_PUBLIC.join('|')})$)`,
      message: `Outside renderer/src/viewer use only its public files: ${VIEWER_PUBLIC.join(', ')}.`,
    });
  return patterns;
}

export const boundaryRules = [
  ...room(['shared/**/*.ts', 'shared/**/*.tsx'], sharedPatterns, sharedPaths),
  ...room(['renderer/**/*.ts', 'renderer/**/*.tsx'], rendererPatterns, rendererPaths),
  ...FEATURES.flatMap((feature) =>
    room(
      [`renderer/src/${feature}/**/*.ts`, `renderer/src/${feature}/**/*.tsx`],
      [...rendererPatterns, ...featurePatterns(feature)],
      rendererPaths,
    ),
  ),
  ...room(
    ['electron/services/**/*.ts'],
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
  ...room(
    ['electron/main/**/*.ts'],
    [
      {
        group: ['**/renderer/**', '**/cli/**', '**/preload/**'],
        message: 'electron/main may import electron/services and shared/ only.',
      },
    ],
  ),
  ...room(
    ['electron/preload/**/*.ts'],
    [
      {
        group: ['**/renderer/**', '**/cli/**', '**/services/**', '**/main/**'],
        message: 'The preload imports electron and shared/ only.',
      },
      { ...nodeBuiltins },
    ],
  ),
  ...room(
    ['cli/**/*.ts'],
    [
      {
        group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'],
        message: 'cli/ may import shared/ and electron/services only.',
      },
    ],
    [electronPkg],
  ),
  // Product files outside the rooms (root configs, types/) may not reach test helpers either.
  {
    files: ['*.ts', 'types/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': restrict([noTestingImports]) },
  },
];

// Per-room globals. shared/ runs unchanged in the renderer, the main process, the CLI and a
// worker, so it sees the ECMAScript built-ins plus the few host objects every one of those
// runtimes provides identically (WHATWG encoding, timers, structured clone, abort, performance),
// and neither the DOM nor Node. typescript-eslint turns no-undef off (tsc checks names, but our
// tsconfig includes the DOM lib for every file), so it is switched back on for shared/ only.
const runtimeNeutral = Object.fromEntries(
  [
    'console',
    'TextEncoder',
    'TextDecoder',
    'structuredClone',
    'queueMicrotask',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'AbortController',
    'AbortSignal',
    'DOMException',
    'performance',
    'atob',
    'btoa',
    'URL',
  ].map((name) => [name, 'readonly']),
);
const nodeGlobals = ['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global', 'setImmediate'];
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'self'];
const noGlobals = (names, why) => [
  'error',
  { checkGlobalObject: true, globals: names.map((name) => ({ name, message: `${name}: ${why}` })) },
];

export const globalsRules = [
  {
    files: ['shared/**/*.ts', 'shared/**/*.tsx'],
    languageOptions: { globals: { ...globals.es2024, ...runtimeNeutral } },
    rules: {
      'no-undef': 'error',
      'no-restricted-globals': noGlobals(
        [...domGlobals, ...nodeGlobals],
        'shared/ sees neither the DOM nor Node; take the value as a parameter.',
      ),
    },
  },
  {
    // The preload API's contract types the DOM File that drag and drop hands to webUtils: a type only.
    files: ['shared/ipc/contract.ts'],
    languageOptions: { globals: { File: 'readonly' } },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.es2024, ...globals.browser } },
    rules: {
      // Components subscribe to what they use (a selector, or useShallow for several fields): a
      // whole-store subscription re-renders them on every change of any field.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.name=/^use[A-Z]\\w*Store$/][arguments.length=0]',
          message: 'Subscribe to the fields you use: useXStore(selector) or useXStore(useShallow(...)).',
        },
      ],
      'no-restricted-globals': noGlobals(
        nodeGlobals,
        'the renderer has no Node; use import.meta.env or ask the host through window.liverplan.',
      ),
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      'scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // Host rooms, tests and scripts: Node plus the browser (Playwright specs evaluate in the page).
    ignores: ['shared/**', 'renderer/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  ...globalsRules,
  ...boundaryRules,
);

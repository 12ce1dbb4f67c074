import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'native/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The core never imports electron: only index.ts, preload/ and ipc/register.ts may (DESIGN.md).
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/index.ts', 'src-main/preload/**', 'src-main/ipc/register.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only index.ts, preload/ and ipc/register.ts talk to Electron.' }] }],
    },
  },
  {
    // One door to the database (issue 23): only db/connection.ts makes a connection; every process
    // works in the runner's database through openStanceDatabase (db/open.ts) and its checks.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Database']", message: 'Open the database with openStanceDatabase (db/open.ts): its checks and write guard come with it.' },
        { selector: "ImportDeclaration[source.value='better-sqlite3'][importKind!='type']", message: 'Open the database with openStanceDatabase (db/open.ts), never better-sqlite3 directly.' },
        { selector: "ImportDeclaration[source.value=/(^|\\/)db\\/connection$/]", message: 'db/connection.ts is for db/ only (copies, checks); open the database with openStanceDatabase (db/open.ts).' },
      ],
    },
  },
  {
    files: ['src-main/db/**/*.ts'],
    ignores: ['src-main/db/connection.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Database']", message: 'Connections are made in db/connection.ts only (and the live database is opened by db/open.ts).' },
        { selector: "ImportDeclaration[source.value='better-sqlite3'][importKind!='type']", message: 'Connections are made in db/connection.ts only.' },
      ],
    },
  },
  {
    // The contract is pure TypeScript the renderer may import: no node, no electron.
    files: ['src-main/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(node:|electron$|better-sqlite3$|\\.\\./(db|ipc|track|formats|import|analysis)/)', message: 'src-main/shared must stay pure.' }] },
      ],
    },
  },
  {
    // track/ is format-neutral: it knows no reader, no import rule, no database (DESIGN.md).
    files: ['src-main/track/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The core never imports electron.' }],
          patterns: [{ regex: '^(better-sqlite3$|\\.\\./(formats|import|db|ipc|analysis)/)', message: 'track/ is format-neutral and stores nothing: no readers, no import rules, no database.' }],
        },
      ],
    },
  },
  {
    // A reader only turns bytes into the neutral recording: no run rules, no import, no database.
    files: ['src-main/formats/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The core never imports electron.' }],
          patterns: [
            {
              regex: '^(better-sqlite3$|(\\.\\./)+(import|db|ipc|analysis)/|(\\.\\./)+track/(derive|track-maths|splits|elevation|streams-codec|track-view)$)',
              message: 'A reader in formats/ only returns the neutral recording (track/recording.ts): no run rules, no import, no database.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(node:|electron$|better-sqlite3$)|src-main/(db|ipc|track|formats|import|analysis)/', message: 'The renderer talks to main only through window.stance.' }] },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}', 'src-main/**/*.ts', 'tests/**/*.ts', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
);

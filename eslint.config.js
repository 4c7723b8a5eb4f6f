// ESLint (flat config): the TypeScript, React hooks and import rules the code follows.
// `npm run lint`; .ci/run counts a failure as a failed test. Layering is checked by
// `npm run depcheck`, not here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';

export default tseslint.config(
  // fixtures are generated code and files other programs run
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'coverage/**', 'test/**/fixtures/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // a variable a closure reads before its one assignment (a timer cleared by a callback) stays let
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'import-x/no-duplicates': 'error',
      'import-x/first': 'error',
      'import-x/no-mutable-exports': 'error',
      'import-x/no-absolute-path': 'error',
      // a terminal tool matches control characters on purpose (escape sequences, sanitising)
      'no-control-regex': 'off',
      // typed EventEmitters declare their events with an interface of the class's name
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
      // walking a linked structure from `this` (scopes, XML paths) is not a closure alias
      '@typescript-eslint/no-this-alias': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.cjs', 'scripts/**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // tests poke at values of any shape
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);

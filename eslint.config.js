// ESLint flat config: typescript-eslint's type-checked rules for the TypeScript (the same files
// tsconfig.json compiles) and React's hooks rules for the components. Run alone: `npm run lint`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'public/**', 'bench/profile/**', 'bench/out/**', 'tests/browser/screenshots/**'] },

  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Reports only where React Compiler would skip a component; the app is not built with the
      // compiler, so there is nothing to preserve and no bug to find.
      'react-hooks/preserve-manual-memoization': 'off',
      // An unused argument or binding that starts with '_' is deliberate (a callback's shape).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Numbers in template strings are how every label and readout here is built; the rule's
      // worry (printing "[object Object]") does not apply to numbers and booleans.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // tfjs's ops return a bare generic (`tf.mul<T extends Tensor>(...): T`), so `tf.mul(a, b) as
      // tf.Tensor2D` and `tf.mul<tf.Tensor2D>(a, b)` are the same unchecked claim; the `as` form is
      // tfjs's own idiom and used throughout the model code, so it is not flagged for these types.
      '@typescript-eslint/no-unnecessary-type-assertion': ['error', { typesToIgnore: ['tf.Scalar', 'tf.Tensor1D', 'tf.Tensor2D'] }],
    },
  },

  {
    // Tests and Node scripts run in Node (vitest, tsx), not in the page.
    files: ['tests/**/*.{ts,tsx}', 'scripts/**/*.ts', 'vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // vitest types its asymmetric matchers (expect.stringMatching, expect.any) as any, and a test
    // puts them inside the objects it compares: an unsafe assignment by the rule's lights, by design.
    files: ['tests/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },

  {
    // The browser test runner, its specs and the build scripts are plain ES modules for Node that
    // tsconfig does not compile (allowJs is off), so they get the untyped recommended rules.
    // Code inside page.evaluate(...) runs in the page, hence the browser globals too.
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);

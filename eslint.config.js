// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

/** Features never import each other; routes in src/client/app compose them (README "Architecture"). */
const features = readdirSync(new URL('./src/client/features', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const featureZones = features.map((feature) => ({
  target: `./src/client/features/${feature}`,
  from: './src/client/features',
  except: [`./${feature}`],
  message: 'Features do not import each other: compose them in src/client/app.',
}));

const boundaryZones = [
  {
    target: './src/contract',
    from: ['./src/server', './src/client', './src/testing'],
    message: 'The contract imports zod only.',
  },
  {
    target: './src/server',
    from: ['./src/client', './src/testing'],
    message: 'The server never imports browser code.',
  },
  {
    target: './src/client',
    from: './src/server',
    message: 'The client meets the server only in src/contract.',
  },
  {
    target: './src/testing',
    from: './src/server',
    message: 'Test helpers for the browser stay browser code.',
  },
  {
    target: './src/api-behaviour',
    from: ['./src/server', './src/client', './src/testing'],
    message:
      'The API behaviour suite runs against the server and the mock alike: contract and vitest only.',
  },
  {
    target: './src/server/http',
    from: './src/server/delivery',
    message: 'The HTTP layer and the worker meet only in outbox/, db/ and contract/.',
  },
  {
    target: './src/server/delivery',
    from: './src/server/http',
    message: 'The HTTP layer and the worker meet only in outbox/, db/ and contract/.',
  },
  {
    target: './src/server/outbox',
    from: ['./src/server/http', './src/server/delivery'],
    message: 'The outbox is where http/ and delivery/ meet; it imports neither.',
  },
  {
    target: './src/server/db',
    from: ['./src/server/http', './src/server/delivery', './src/server/outbox'],
    message: 'The database layer serves the rooms above it; it imports none of them.',
  },
  {
    target: ['./src/client/features', './src/client/components', './src/client/lib'],
    from: './src/client/app',
    message: 'Only src/client/app composes features into routes.',
  },
  {
    target: ['./src/client/components', './src/client/lib'],
    from: './src/client/features',
    message: 'Shared UI and libraries do not depend on features.',
  },
  ...featureZones,
];

const testingZone = {
  target: './src/client',
  from: './src/testing',
  message: 'Only tests, stories, e2e and the mock-mode entry import src/testing.',
};

// Globs, so that the helpers in src/server/testing may still import each other.
const serverTestingZone = {
  target: ['./src/server/!(testing)/**', './src/server/*.ts'],
  from: './src/server/testing',
  message: 'Only tests import src/server/testing: production code never runs test helpers.',
};

const apiBehaviourZone = {
  target: ['./src/server', './src/client', './src/testing'],
  from: './src/api-behaviour',
  message: 'Only test files run the API behaviour suite.',
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'data',
      'coverage',
      'node_modules',
      'playwright-report',
      'test-results',
      'storybook-static',
      'src/server/db/migrations',
      'public/mockServiceWorker.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description' },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Stylistic and noisy for callbacks such as `() => void run()`.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      'import-x/no-cycle': 'error',
      'import-x/no-default-export': 'error',
      'import-x/no-restricted-paths': [
        'error',
        { zones: [...boundaryZones, testingZone, serverTestingZone, apiBehaviourZone] },
      ],
    },
  },
  {
    files: ['src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$|zod/|\\./|vitest$)', message: 'The contract imports zod only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/api-behaviour/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@contract/|vitest$|\\./)',
              message: 'The API behaviour suite imports the contract and vitest only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Configuration is read once, validated by the contract's EnvSchema, in env.ts; everything else
    // is handed its settings, so a bad value stops the process at start with the variable's name.
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/env.ts', 'src/server/**/*.test.ts', 'src/server/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration in src/server/env.ts (EnvSchema) and pass it in.',
        },
      ],
    },
  },
  {
    // Every JSON answer of the mock API is checked against the contract on its way out.
    files: ['src/testing/mocks/**/*.ts'],
    ignores: ['src/testing/mocks/mock-answer.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='HttpResponse'][property.name='json']",
          message:
            'Answer with answer() from ./mock-answer: it checks the body against the contract.',
        },
      ],
    },
  },
  {
    // Strings and records are built by ./text, which refuses NUL, lone surrogates and prototype keys.
    files: ['src/contract/**/*.ts'],
    ignores: ['src/contract/text.ts', 'src/contract/config.ts', 'src/contract/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name='z'][callee.property.name=/^(string|url|httpUrl|email|record|partialRecord|looseRecord)$/]",
          message:
            'Use text(), url(), email() or textRecord() from ./text for what the API accepts; answerString() or answerRecord() for what it answers.',
        },
        {
          selector:
            "CallExpression[callee.object.property.name='coerce'][callee.property.name='string']",
          message: 'Use text() from ./text.',
        },
      ],
    },
  },
  {
    files: ['src/client/**/*.{ts,tsx}', 'src/testing/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
    },
  },
  {
    // Tests, stories and the mock-mode entry may reach into src/testing; every other boundary holds.
    files: ['src/**/*.test.{ts,tsx}', 'src/**/*.stories.tsx', 'src/client/mock-main.tsx'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: boundaryZones }] },
  },
  {
    // Tool configs and stories (CSF's meta) must default-export by convention.
    files: ['*.config.{js,ts}', '.storybook/*.{ts,tsx}', 'src/**/*.stories.tsx'],
    rules: { 'import-x/no-default-export': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);

// Lint: typescript-eslint (type-aware where it matters), React hooks, no dangerouslySetInnerHTML,
// and import boundaries: engine/shared never import electron; renderer never imports Node or the engine.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const electronBan = {
  paths: [{ name: 'electron', message: 'The engine and shared code run in plain Node: never import electron here.' }],
  patterns: [{ group: ['electron/*'], message: 'No electron imports outside electron/main and electron/preload.' }]
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'reports/**', 'resources/**', '**/*.cjs', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }]
    }
  },
  {
    files: ['electron/core/**/*.ts', 'shared/**/*.ts', 'electron/harness/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', electronBan] }
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...electronBan, patterns: [...electronBan.patterns, { group: ['node:*', 'fs', 'path', 'crypto'], message: 'shared/ compiles in the browser too: no Node modules.' }] }]
    }
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: '19' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react/no-danger': 'error',
      'react/jsx-no-script-url': 'error',
      'react/jsx-no-target-blank': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through window.dock (dock-client.ts).' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node.' },
            { group: ['**/electron/**'], message: 'The renderer reaches the engine only through the contract.' }
          ]
        }
      ]
    }
  }
)

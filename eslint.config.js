import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// The web app's layers (bulletproof-react): app/ composes features; a feature never imports another
// feature; components/, lib/, stores/, config/ and test/ are shared by all and never import a feature.
// Relative paths only (no aliases), so a path that climbs out of a feature into another's name is the
// cross-feature import.
const webFeatures = fs.readdirSync(path.join(import.meta.dirname, 'apps/web/src/features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory()).map((entry) => entry.name);
const featureBoundaries = webFeatures.map((feature) => ({
  files: [`apps/web/src/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': ['error', { patterns: [{
      regex: `^(\\.\\./)+(features/)?(${webFeatures.filter((f) => f !== feature).join('|')})(/|$)`,
      message: 'A feature never imports another feature: move what both need to components/ or lib/, or compose them in app/.',
    }] }],
  },
}));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'apps/api/src/generated/**', 'data/**', 'test-results/**', 'playwright-report/**', 'e2e/output/**', 'apps/api/.e2e/**', 'apps/api/.test-build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through the env module.' }],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  ...featureBoundaries,
  {
    files: ['apps/web/src/{components,lib,stores,config,test}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{
        regex: '(^|/)features(/|$)',
        message: 'components/, lib/, stores/, config/ and test/ are shared by every feature and never import one.',
      }] }],
    },
  },
  // The API's layers (CONTRIBUTING.md): modules/ use domain/ (the rules several modules share), lib/
  // (technical helpers), plugins/ and db/; domain/, lib/ and plugins/ never import a module, and db/
  // (engine, migrations, tenancy) imports none of the layers above it.
  {
    files: ['apps/api/src/{domain,lib,plugins}/**/*.ts'],
    ignores: ['**/*.test.ts'], // tests may borrow a module's fixtures
    rules: {
      'no-restricted-imports': ['error', { patterns: [{
        regex: '(^|/)modules/',
        message: 'domain/, lib/ and plugins/ never import a module: move what is shared into domain/ (business rules) or lib/ (technical helpers).',
      }] }],
    },
  },
  {
    files: ['apps/api/src/db/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{
        regex: '^\\.\\./(modules|domain|plugins)/|^\\.\\./lib/(?!types\\.ts$)',
        message: 'db/ is the bottom layer (engine, migrations, tenancy): it imports no module, domain rule, lib helper or plugin.',
      }] }],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['apps/api/src/config/env.ts', 'apps/web/src/config/env.ts', 'e2e/**', 'bench/**', 'scripts/**', '**/*.config.{ts,js}'],
    rules: { 'no-restricted-properties': 'off' },
  },
);

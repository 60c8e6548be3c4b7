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
  // Functions small enough to read at once (CONTRIBUTING.md): a component is split into its state
  // hook and presentational pieces, a service into its steps. A longer one says why beside an
  // eslint-disable comment. Tests are left out: a describe block groups its cases.
  {
    files: ['apps/*/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', 'apps/*/src/test/**'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  // Tenancy by type (db/engine.ts): an organisation's rows are read and written through
  // `database.sql`, which takes only a query built by `scopedSql(orgId)`. The text runner
  // `database.unscoped` is for what belongs to no one organisation or is checked per row by the
  // database; in modules/ and domain/ only these files may reach for it, each for the reason given.
  {
    files: ['apps/api/src/{modules,domain}/**/*.ts'],
    ignores: [
      '**/*.test.ts',
      // sign-in, sessions, API tokens and their throttling: before any organisation is known
      'apps/api/src/modules/auth/{auth.routes,session,api-token-auth}.ts',
      // the password-reset mail's rate limit, counted per address across organisations
      'apps/api/src/modules/mail/mail.routes.ts',
      // liveness and readiness: SELECT 1
      'apps/api/src/modules/health/health.routes.ts',
      // the timer's batched wd_timer_* calls: one statement carries several organisations' rows, each checked by the function
      'apps/api/src/modules/timer/{timer.routes,timer-switch.routes,timer-switch.service,timer.service}.ts',
      'apps/api/src/modules/users/at-work.routes.ts',
      // the webhook outbox's worker claims due deliveries of every organisation
      'apps/api/src/modules/webhooks/webhooks.routes.ts',
      // the catalogue (information_schema) and the schema version (_prisma_migrations)
      'apps/api/src/modules/exports/{organization-export.routes,organization-import.service}.ts',
      // the start-up job that finds approved months without a kept balance in every organisation
      'apps/api/src/domain/figures/backfill.ts',
    ],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[property.name='unscoped']",
        message: "An organisation's data goes through database.sql and scopedSql(orgId) (db/scoped-sql.ts). The unscoped runner is for data of no one organisation: add the file to eslint.config.js with its reason if that is really so.",
      }],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', Blob: 'readonly' } },
  },
  {
    files: ['apps/api/src/config/env.ts', 'apps/web/src/config/env.ts', 'e2e/**', 'bench/**', 'scripts/**', '**/*.config.{ts,js}'],
    rules: { 'no-restricted-properties': 'off' },
  },
);

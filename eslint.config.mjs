// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['tmp/**', 'dist/**', 'node_modules/**', 'examples/**', 'test/fixtures/**', 'bench/fixtures/**', '**/*.d.ts', 'test/**/fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      // The fence: only src/vscode may talk to the editor API; the engine must run in plain Node.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: "Only src/vscode/ may import 'vscode'; keep the engine editor-independent." }] },
      ],
    },
  },
  {
    files: ['src/vscode/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);

/**
 * Mocha root hooks for the unit and integration tests: the WASM parsers (Python, Terraform) load
 * asynchronously, once per process, so they are loaded before any test runs. Tests that analyse
 * synchronously — RuleTester `lint`, the doc-example and fixture runners — can then read every language.
 */
import { Analyzer } from '../../src/engine/analyzer';
import { builtinAdapters } from '../../src/languages';

export const mochaHooks = {
  async beforeAll(): Promise<void> {
    await new Analyzer({ rules: [], adapters: builtinAdapters }).prepare();
  },
};

import { defineRule } from '../../engine/rule';
import { entriesOf, ghaFiles, stringOf } from './model';

const VARIABLE = 'ACTIONS_ALLOW_UNSECURE_COMMANDS';
/** `echo "ACTIONS_ALLOW_UNSECURE_COMMANDS=true" >> $GITHUB_ENV` (any quoting). */
const ENV_FILE_WRITE = /(ACTIONS_ALLOW_UNSECURE_COMMANDS=["']?true)\b(?:(?!ACTIONS_ALLOW_UNSECURE_COMMANDS=)[^\n])*>>\s*["']?\$\{?GITHUB_ENV/gi;

export default defineRule({
  id: 'github-actions/no-insecure-commands',
  languages: ['yaml'],
  meta: {
    description: 'ACTIONS_ALLOW_UNSECURE_COMMANDS must not re-enable the deprecated set-env and add-path commands',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-77', 'CWE-94'],
    confidence: 'high',
    recommended: true,
    fix: 'safe',
    messages: {
      unsecureCommands:
        "ACTIONS_ALLOW_UNSECURE_COMMANDS re-enables the '::set-env' and '::add-path' workflow commands, which GitHub disabled because any text printed to the log (an issue title, a test's output) can then set variables like NODE_OPTIONS or PATH and run code in later steps. Use $GITHUB_ENV and $GITHUB_PATH instead.",
      setFalse: 'Set ACTIONS_ALLOW_UNSECURE_COMMANDS to false',
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          for (const env of file.envs) {
            const value = stringOf(entriesOf(env.value).get(VARIABLE)?.value);
            if (!value || value.value.toLowerCase() !== 'true') continue;
            context.report({ range: value.range, messageId: 'unsecureCommands', fix: { messageId: 'setFalse', edits: [{ range: value.range, text: 'false' }] } });
          }
          for (const step of file.steps) {
            if (!step.run) continue;
            const source = context.text.slice(step.run.range[0], step.run.range[1]);
            for (const m of source.matchAll(ENV_FILE_WRITE)) {
              const start = step.run.range[0] + m.index;
              context.report({ range: [start, start + m[1].length], messageId: 'unsecureCommands' });
            }
          }
        }
      },
    };
  },
});

import { defineRule } from '../../engine/rule';
import type { FixDescriptor, TextEdit, Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { calleeLastName, calleeName, isTrue, keywordArgument, lastSegment, packageOf, referenceName, removeArgumentEdit, replaceEdit } from './call-helpers';

/** Functions that run code while they read their input (pickle and its relatives), by imported name. */
const CODE_LOADERS = new Map<string, string>();
for (const module of ['pickle', 'cPickle', '_pickle', 'dill', 'cloudpickle']) {
  for (const fn of ['load', 'loads', 'Unpickler']) CODE_LOADERS.set(`${module}.${fn}`, 'pickle');
}
for (const [name, format] of [
  ['joblib.load', 'pickle'],
  ['shelve.open', 'pickle'],
  ['shelve.DbfilenameShelf', 'pickle'],
  ['marshal.load', 'marshal'],
  ['marshal.loads', 'marshal'],
  ['pandas.read_pickle', 'pickle'],
  ['pandas.io.pickle.read_pickle', 'pickle'],
  ['jsonpickle.decode', 'jsonpickle'],
  ['jsonpickle.unpickler.decode', 'jsonpickle'],
] as const) {
  CODE_LOADERS.set(name, format);
}

/** PyYAML functions whose default or only loader builds arbitrary Python objects, with the safe one to call. */
const YAML_UNSAFE_CALLS = new Map([
  ['full_load', 'safe_load'],
  ['full_load_all', 'safe_load_all'],
  ['unsafe_load', 'safe_load'],
  ['unsafe_load_all', 'safe_load_all'],
]);
/** `yaml.load(stream, Loader)` and its `_all` form, with the safe function to call instead. */
const YAML_LOAD = new Map([
  ['load', 'safe_load'],
  ['load_all', 'safe_load_all'],
]);
const YAML_SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);
const YAML_UNSAFE_LOADERS = new Set(['Loader', 'CLoader', 'UnsafeLoader', 'CUnsafeLoader', 'FullLoader', 'CFullLoader']);
/** Loaders that take the serialized data itself rather than a file: a constant argument is a literal payload. */
const DATA_FUNCTIONS = new Set(['loads', 'decode']);
/** The last names of every function above, to filter calls before resolving them. */
const CALLEE_NAMES = new Set(['load', 'loads', 'Unpickler', 'open', 'DbfilenameShelf', 'read_pickle', 'decode', ...YAML_UNSAFE_CALLS.keys(), ...YAML_LOAD.keys()]);
const PREFILTER = /pickle|dill|joblib|shelve|marshal|pandas|jsonpickle|yaml|numpy/;

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-unsafe-deserialization',
  languages: ['python'],
  meta: {
    description: 'Data must not be deserialized with pickle, marshal or unsafe YAML loaders, which can run code',
    severity: 'error',
    category: 'deserialization',
    riskArea: 'development',
    cwe: ['CWE-502'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      codeLoader:
        '{{fn}}() reads {{format}} data, which tells it which Python objects to build and which functions to call while doing so. Whoever can write that input runs code in this process; use JSON or another data-only format, or load only files this application wrote where nobody else can change them.',
      marshalLoader:
        '{{fn}}() is not safe against crafted data (the Python documentation says so): malformed input can crash the interpreter, and it rebuilds code objects that run when called. Use JSON or another data-only format for anything that crosses a trust boundary.',
      numpyPickle:
        '`allow_pickle=True` lets numpy.load() unpickle object arrays, so a crafted .npy/.npz file runs code when it is loaded. Store plain arrays and load them with the default `allow_pickle=False`.',
      yamlUnsafe:
        '{{fn}}(){{how}} constructs the Python objects the document names in its tags (`!!python/object/apply:os.system` runs a command), so a crafted YAML file runs code. yaml.safe_load() builds only plain data.',
      useSafeLoad: 'Use yaml.{{safe}}()',
      disallowPickle: 'Remove `allow_pickle=True`',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return {};
    return {
      call(node) {
        const call = node as SyntaxNode;
        if (!CALLEE_NAMES.has(calleeLastName(call) ?? '')) return;
        const name = calleeName(lang, call);
        if (!name || !lang.liveBranch(call)) return;
        const format = CODE_LOADERS.get(name);
        if (format !== undefined) return checkCodeLoader(call, name, format);
        if (name === 'numpy.load') return checkNumpy(call);
        if (name.startsWith('yaml.')) checkYaml(call, name.slice('yaml.'.length));
      },
    };

    function checkCodeLoader(call: SyntaxNode, name: string, format: string): void {
      const fn = lastSegment(name);
      const input = lang.argument(call, 0, inputKeyword(name));
      if (!input && fn !== 'Unpickler') return;
      // A payload written in the source is not outside input; a constant path still names a file whose content is not.
      if (input && DATA_FUNCTIONS.has(fn) && (lang.isConstant(input) || isRoundTrip(input))) return;
      const messageId = format === 'marshal' ? 'marshalLoader' : 'codeLoader';
      context.report({ range: lang.range(call), messageId, data: { fn: `${packageOf(name)}.${fn}`, format } });
    }

    /** `pickle.loads(pickle.dumps(obj))`: a deep copy of this process's own object, not outside input. */
    function isRoundTrip(input: SyntaxNode): boolean {
      const inner = input.type === 'call' ? calleeName(lang, input) : null;
      return inner !== null && lastSegment(inner) === 'dumps' && CODE_LOADERS.has(`${inner.slice(0, -'dumps'.length)}loads`);
    }

    function checkNumpy(call: SyntaxNode): void {
      const flag = keywordArgument(call, 'allow_pickle');
      if (!flag || !isTrue(lang, flag.childForFieldName('value'))) return;
      context.report({
        range: lang.range(flag),
        messageId: 'numpyPickle',
        suggest: [{ messageId: 'disallowPickle', edits: [removeArgumentEdit(text, flag)] }],
      });
    }

    function checkYaml(call: SyntaxNode, fn: string): void {
      const input = lang.argument(call, 0, 'stream');
      if (input && lang.isConstant(input)) return;
      const safe = YAML_UNSAFE_CALLS.get(fn);
      if (safe) {
        const edit = renameEdit(call, safe);
        context.report({
          range: lang.range(call),
          messageId: 'yamlUnsafe',
          data: { fn: `yaml.${fn}`, how: '' },
          suggest: edit ? [{ messageId: 'useSafeLoad', data: { safe }, edits: [edit] }] : [],
        });
        return;
      }
      const safeLoad = YAML_LOAD.get(fn);
      if (!safeLoad) return;
      const loader = lang.argument(call, 1, 'Loader');
      if (loader && !isUnsafeLoader(loader)) return;
      const loaderName = loader ? lastSegment(referenceName(lang, loader)!) : null;
      const how = loader ? ` with ${loaderName}` : ' without a safe Loader';
      const rename = renameEdit(call, safeLoad);
      const edits: TextEdit[] = rename ? [rename] : [];
      const loaderArg = loader ? (loader.parent?.type === 'keyword_argument' ? loader.parent : loader) : null;
      if (rename && loaderArg) edits.push(removeArgumentEdit(text, loaderArg));
      const suggest: FixDescriptor[] = rename ? [{ messageId: 'useSafeLoad', data: { safe: safeLoad }, edits }] : [];
      context.report({ range: lang.range(call), messageId: 'yamlUnsafe', data: { fn: `yaml.${fn}`, how }, suggest });
    }

    /** `yaml.Loader`, `yaml.FullLoader`, … (an unknown or custom loader is given the benefit of the doubt). */
    function isUnsafeLoader(loader: SyntaxNode): boolean {
      const ref = referenceName(lang, loader);
      if (!ref?.startsWith('yaml.')) return false;
      const last = lastSegment(ref);
      return YAML_UNSAFE_LOADERS.has(last) && !YAML_SAFE_LOADERS.has(last);
    }

    /** Renames `yaml.load` to `yaml.safe_load` where the call spells the module (`yaml.load(…)`, `y.load(…)`). */
    function renameEdit(call: SyntaxNode, safe: string): TextEdit | null {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'attribute') return null;
      const object = callee.childForFieldName('object');
      const attribute = callee.childForFieldName('attribute');
      const module = object ? lang.resolve(object) : null;
      if (!attribute || module?.module !== 'yaml' || module.path.length > 0) return null;
      return replaceEdit(attribute, safe);
    }
  },
});

/** The keyword the input of a loader can also be passed as. */
function inputKeyword(name: string): string | undefined {
  const fn = lastSegment(name);
  if (name.startsWith('pandas.')) return 'filepath_or_buffer';
  if (name === 'shelve.open') return 'filename';
  if (name.startsWith('jsonpickle.')) return 'string';
  if (name === 'joblib.load') return 'filename';
  if (fn === 'loads') return 'data';
  if (fn === 'load' || fn === 'Unpickler') return 'file';
  return undefined;
}


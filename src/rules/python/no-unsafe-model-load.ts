import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import {
  addArgumentEdit,
  calleeLastName,
  calleeName,
  constantString,
  hasSplat,
  isFalse,
  isTrue,
  keywordArgument,
  lastSegment,
  mentionIndex,
  packageOf,
  removeArgumentEdit,
  replaceEdit,
} from './call-helpers';

/** Packages of the Hugging Face ecosystem whose loaders take `trust_remote_code` and `revision`. */
const HF_PACKAGES = new Set([
  'transformers',
  'diffusers',
  'sentence_transformers',
  'peft',
  'optimum',
  'huggingface_hub',
  'datasets',
  'vllm',
  'timm',
  'open_clip',
  'accelerate',
]);
/** Hub downloads that take the repository id first and an optional `revision`. */
const HUB_DOWNLOADS = new Set(['huggingface_hub.hf_hub_download', 'huggingface_hub.snapshot_download']);
const KERAS_PACKAGES = new Set(['keras', 'tensorflow', 'tf_keras']);
/** A Hub repository id (`gpt2`, `org/model`); local paths start with `.`, `/`, `~` or a drive letter, or have more segments. */
const HUB_ID = /^[A-Za-z0-9][\w.-]{0,95}(?:\/[\w.-]{1,96})?$/;
/** Calls checked for a pinned revision, by last name. */
const REVISION_CALLEES = new Set(['from_pretrained', 'hf_hub_download', 'snapshot_download']);
const PREFILTER = /torch|trust_remote_code|safe_mode|allow_dangerous_deserialization|from_pretrained|hf_hub_download|snapshot_download/;

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-unsafe-model-load',
  languages: ['python'],
  meta: {
    description: 'Models must be loaded without running code from the model files or the model repository',
    severity: 'error',
    category: 'supply-chain',
    riskArea: 'supply-chain',
    cwe: ['CWE-502', 'CWE-494'],
    owaspLlm: ['LLM03:2025', 'LLM04:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'safe',
    messages: {
      torchLoad:
        'torch.load() without `weights_only=True` unpickles the checkpoint, so a crafted model file runs code when it is loaded (and torch before 2.6 does this by default). Load only tensors with `weights_only=True`.',
      torchWeightsOnlyFalse:
        '`weights_only=False` makes torch.load() unpickle the checkpoint, so a crafted model file runs code when it is loaded. Load only tensors with `weights_only=True`.',
      trustRemoteCode:
        '`trust_remote_code=True` downloads and runs the Python code in the model repository ({{fn}}). Whoever controls that repository, or takes it over, runs code on this machine; prefer models supported natively or pin a reviewed `revision`.',
      kerasUnsafeMode:
        '`safe_mode=False` lets load_model() deserialize Lambda layers, which are arbitrary Python code stored in the model file: a crafted .keras file runs code when it is loaded.',
      dangerousDeserialization:
        '`allow_dangerous_deserialization=True` lets {{fn}}() unpickle the stored index, so whoever can write those files runs code in this process. Only load indexes this application created and stored where nobody else can write.',
      unpinnedRevision:
        '{{fn}}() downloads `{{repo}}` from the Hugging Face Hub without a pinned `revision`, so you get whatever the repository holds at that moment; its owner, or whoever takes the account over, can change the weights and files you load. Pin a commit hash with `revision=`.',
      addWeightsOnly: 'Add `weights_only=True`',
      setWeightsOnly: 'Set `weights_only=True`',
      removeArgument: 'Remove `{{name}}`',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return {};
    const passesFlag = mentionIndex(text, ['trust_remote_code', 'safe_mode', 'allow_dangerous_deserialization']);
    return {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (last !== 'load' && !REVISION_CALLEES.has(last ?? '') && !passesFlag(call)) return;
        const name = calleeName(lang, call);
        if (!name || !lang.liveBranch(call)) return;
        if (name === 'torch.load') return checkTorch(call);
        const pkg = packageOf(name);
        const fn = lastSegment(name);
        const display = displayName(name);
        flag(call, 'trust_remote_code', isTrue, 'trustRemoteCode', display);
        if (KERAS_PACKAGES.has(pkg) && fn === 'load_model') flag(call, 'safe_mode', isFalse, 'kerasUnsafeMode', display);
        if (pkg.startsWith('langchain') || pkg.startsWith('llama_index')) flag(call, 'allow_dangerous_deserialization', isTrue, 'dangerousDeserialization', display);
        if ((HF_PACKAGES.has(pkg) && fn === 'from_pretrained') || HUB_DOWNLOADS.has(name)) checkRevision(call, display);
      },
    };

    function checkTorch(call: SyntaxNode): void {
      const weightsOnly = keywordArgument(call, 'weights_only');
      if (weightsOnly) {
        const value = weightsOnly.childForFieldName('value')!;
        if (!isFalse(lang, value)) return;
        context.report({
          range: lang.range(weightsOnly),
          messageId: 'torchWeightsOnlyFalse',
          suggest: [{ messageId: 'setWeightsOnly', edits: [replaceEdit(value, 'True')] }],
        });
        return;
      }
      // `**kwargs` may carry weights_only; a fourth positional argument is `weights_only` itself only in old releases.
      if (hasSplat(call)) return;
      const edit = addArgumentEdit(text, call, 'weights_only=True');
      context.report({
        range: lang.range(call),
        messageId: 'torchLoad',
        fix: edit ? { messageId: 'addWeightsOnly', edits: [edit] } : undefined,
      });
    }

    function flag(
      call: SyntaxNode,
      keyword: string,
      test: (lang: PythonHelpers, node: SyntaxNode) => boolean,
      messageId: string,
      fn: string,
    ): void {
      const arg = keywordArgument(call, keyword);
      const value = arg?.childForFieldName('value');
      if (!arg || !value || !test(lang, value)) return;
      context.report({
        range: lang.range(arg),
        messageId,
        data: { fn },
        suggest: [{ messageId: 'removeArgument', data: { name: arg.text }, edits: [removeArgumentEdit(text, arg)] }],
      });
    }

    function checkRevision(call: SyntaxNode, fn: string): void {
      if (keywordArgument(call, 'revision') || hasSplat(call)) return;
      const repoArg = lang.argument(call, 0, HUB_DOWNLOADS.has(calleeName(lang, call) ?? '') ? 'repo_id' : 'pretrained_model_name_or_path');
      const repo = constantString(lang, repoArg);
      if (!repoArg || repo === null || !HUB_ID.test(repo)) return;
      // A bare word (`checkpoints`, `output`) is more likely a local folder than a Hub model like `gpt2` or `t5-small`.
      if (!HUB_DOWNLOADS.has(calleeName(lang, call) ?? '') && !/[/\d-]/.test(repo)) return;
      context.report({ range: lang.range(repoArg), messageId: 'unpinnedRevision', data: { fn, repo }, severity: 'info' });
    }
  },
});

/** The last two segments of an imported name, without instance markers: `AutoModel.from_pretrained`, `FAISS.load_local`. */
function displayName(name: string): string {
  return name.split('.').filter((p) => p !== '()').slice(-2).join('.');
}

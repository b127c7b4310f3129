import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { calleeName, constantString, isFalse, keywordArgument, mentionIndex, packageOf, referenceName, removeArgumentEdit, replaceEdit } from './call-helpers';

/** HTTP clients whose calls, sessions and clients take `verify=`. */
const VERIFY_PACKAGES = new Set(['requests', 'httpx']);
/** aiohttp's options that turn verification off when False. */
const AIOHTTP_OPTIONS = ['ssl', 'verify_ssl'];
const PREFILTER = /verify|ssl|CERT_NONE|check_hostname/;

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-disabled-tls',
  languages: ['python'],
  meta: {
    description: 'TLS certificate and host-name verification must not be turned off',
    severity: 'error',
    category: 'transport',
    riskArea: 'development',
    cwe: ['CWE-295'],
    confidence: 'high',
    recommended: true,
    fix: 'safe',
    messages: {
      verifyDisabled:
        '`{{name}}` turns off TLS certificate verification for {{client}}, so anyone on the network path can impersonate the server and read or change the traffic, credentials included.',
      unverifiedContext:
        'ssl._create_unverified_context() makes a context that accepts any certificate for any host, so anyone on the network path can impersonate the server and read or change the traffic.',
      certNone:
        '`{{what}}` accepts any certificate, so anyone on the network path can impersonate the server and read or change the traffic.',
      checkHostnameDisabled:
        '`check_hostname = False` accepts a valid certificate issued for any other host, so anyone with a certificate for their own domain can impersonate this server.',
      removeArgument: 'Remove `{{name}}` to keep certificate verification on',
      enableVerify: 'Set `verify = True`',
      useDefaultContext: 'Use ssl.create_default_context()',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return {};
    const passesOption = mentionIndex(text, ['verify', 'ssl=', 'ssl =', 'cert_reqs']);
    const visitors: Visitors<PythonNode> = {
      call(node) {
        const call = node as SyntaxNode;
        if (!passesOption(call)) return;
        const name = calleeName(lang, call);
        if (!name || !lang.liveBranch(call)) return;
        const pkg = packageOf(name);
        if (VERIFY_PACKAGES.has(pkg)) checkKeyword(call, 'verify', pkg);
        else if (pkg === 'aiohttp') for (const option of AIOHTTP_OPTIONS) checkKeyword(call, option, pkg);
        else if (pkg === 'urllib3') checkCertReqs(call);
      },
    };
    // Names are the most numerous nodes: rather than visiting them all, look at the few places the text spells these.
    const names = ['CERT_NONE', '_create_unverified_context'].filter((n) => text.includes(n));
    if (names.length > 0) {
      visitors.module = (node) => {
        const root = node as SyntaxNode;
        for (const name of names) {
          for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
            const id = root.descendantForIndex(at, at + name.length);
            if (id?.type !== 'identifier' || id.startIndex !== at || id.endIndex !== at + name.length) continue;
            // `ssl.CERT_NONE` is judged as the attribute; `from ssl import CERT_NONE` binds the name, its uses count.
            const parent = id.parent;
            if (parent?.type === 'dotted_name' || parent?.type === 'aliased_import') continue;
            const ref = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.equals(id) ? parent : id;
            checkReference(ref, name);
          }
        }
      };
    }
    if (/check_hostname|\.verify\b/.test(text)) {
      visitors.assignment = (node) => {
        const assign = node as SyntaxNode;
        const left = assign.childForFieldName('left');
        const right = assign.childForFieldName('right');
        if (left?.type !== 'attribute' || !right || !isFalse(lang, right) || !lang.liveBranch(assign)) return;
        const attr = left.childForFieldName('attribute')?.text;
        if (attr === 'check_hostname') {
          context.report({ range: lang.range(assign), messageId: 'checkHostnameDisabled' });
        } else if (attr === 'verify') {
          // session.verify = False on a requests Session or an httpx Client.
          const owner = referenceName(lang, left.childForFieldName('object'));
          if (!owner || !VERIFY_PACKAGES.has(packageOf(owner))) return;
          const fix: FixDescriptor | undefined = right.type === 'false' ? { messageId: 'enableVerify', edits: [replaceEdit(right, 'True')] } : undefined;
          context.report({ range: lang.range(assign), messageId: 'verifyDisabled', data: { name: 'verify = False', client: packageOf(owner) }, fix });
        }
      };
    }
    return visitors;

    function checkReference(ref: SyntaxNode, name: string): void {
      if (name === 'CERT_NONE') checkCertNone(ref);
      else checkUnverified(ref);
    }

    function checkKeyword(call: SyntaxNode, keyword: string, client: string): void {
      const arg = keywordArgument(call, keyword);
      const value = arg?.childForFieldName('value');
      if (!arg || !value || !isFalse(lang, value)) return;
      // Only a literal False is removed: a name might be True elsewhere, and its definition stays wrong anyway.
      const fix: FixDescriptor | undefined =
        value.type === 'false' ? { messageId: 'removeArgument', data: { name: arg.text }, edits: [removeArgumentEdit(text, arg)] } : undefined;
      context.report({ range: lang.range(arg), messageId: 'verifyDisabled', data: { name: arg.text, client }, fix });
    }

    /** `urllib3.PoolManager(cert_reqs='CERT_NONE')`; `cert_reqs=ssl.CERT_NONE` is found as a reference. */
    function checkCertReqs(call: SyntaxNode): void {
      const arg = keywordArgument(call, 'cert_reqs');
      const value = arg?.childForFieldName('value');
      if (!arg || !value || constantString(lang, value) !== 'CERT_NONE') return;
      context.report({ range: lang.range(arg), messageId: 'certNone', data: { what: arg.text }, fix: { messageId: 'removeArgument', data: { name: arg.text }, edits: [removeArgumentEdit(text, arg)] } });
    }

    /** `ssl.CERT_NONE` used as a value (assigned or passed), not compared. */
    function checkCertNone(ref: SyntaxNode): void {
      if (referenceName(lang, ref) !== 'ssl.CERT_NONE' || !isSetting(ref) || !lang.liveBranch(ref)) return;
      const parent = ref.parent!;
      if (parent.type === 'keyword_argument') {
        // urllib3 requires certificates by default; ssl.wrap_socket and others would stay unverified without the argument.
        const call = parent.parent?.parent;
        const urllib3 = call?.type === 'call' && packageOf(calleeName(lang, call) ?? '') === 'urllib3';
        const fix: FixDescriptor | undefined = urllib3
          ? { messageId: 'removeArgument', data: { name: parent.text }, edits: [removeArgumentEdit(text, parent)] }
          : undefined;
        context.report({ range: lang.range(parent), messageId: 'certNone', data: { what: parent.text }, fix });
        return;
      }
      const site = parent.type === 'assignment' ? parent : ref;
      context.report({ range: lang.range(site), messageId: 'certNone', data: { what: lang.text(site) } });
    }

    /** `ssl._create_unverified_context()` and `ssl._create_default_https_context = ssl._create_unverified_context`. */
    function checkUnverified(ref: SyntaxNode): void {
      if (referenceName(lang, ref) !== 'ssl._create_unverified_context' || !lang.liveBranch(ref)) return;
      const call = ref.parent?.type === 'call' && ref.parent.childForFieldName('function')?.equals(ref) ? ref.parent : null;
      const suggest: FixDescriptor[] = [];
      const name = ref.type === 'attribute' ? ref.childForFieldName('attribute') : null;
      if (call && name && call.childForFieldName('arguments')?.namedChildren.length === 0) {
        suggest.push({ messageId: 'useDefaultContext', edits: [replaceEdit(name, 'create_default_context')] });
      }
      context.report({ range: lang.range(call ?? ref), messageId: 'unverifiedContext', suggest });
    }
  },
});

/**
 * A value that is assigned (`ctx.verify_mode = CERT_NONE`) or passed as an option (`cert_reqs=CERT_NONE`,
 * `{"cert_reqs": CERT_NONE}`), not compared, imported or passed positionally (`int(ssl.CERT_NONE)` as a CLI default).
 */
function isSetting(ref: SyntaxNode): boolean {
  const parent = ref.parent;
  if (!parent) return false;
  if (parent.type === 'keyword_argument') return parent.childForFieldName('value')?.equals(ref) ?? false;
  if (parent.type === 'assignment') return parent.childForFieldName('right')?.equals(ref) ?? false;
  if (parent.type === 'pair') return parent.childForFieldName('value')?.equals(ref) ?? false;
  return false;
}

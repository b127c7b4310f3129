import { parseExpression, type ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
import type { Range } from '../../engine/types';
import { describeExpression, propertyName, unwrap } from '../../languages/js/ast';
import type { Taint } from '../../languages/js/flow';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import type { Binding } from '../../languages/js/scope';
import { scriptDialect, type SfcLayout } from '../../languages/js/sfc';
import { traverseJs, walkJs } from '../../languages/js/traverse';

/**
 * For js/no-xss: the HTML sinks of Vue and Svelte templates as expressions the shared flow can judge, and
 * the sources of component frameworks the shared flow does not know — props (Vue `defineProps`, Options API
 * `props`, Svelte `export let` and `$props()`), Angular `@Input()`s, and URL data of their routers
 * (vue-router/Nuxt `useRoute()`, `this.$route`, SvelteKit `$page.url`, Angular `ActivatedRoute`).
 */

/** A template sink whose expression was parsed, with the edit that writes it as text instead. */
export interface TemplateValue {
  sink: string;
  value: JsNode;
  toText: { range: Range; text: string; replacement: string } | null;
  /** Whether the template can call a DOMPurify imported by the script (Vue `<script setup>`, Svelte). */
  sanitizable: boolean;
}

/** Angular `DomSanitizer` methods that turn a string into a value Angular inserts without sanitizing. */
export const TRUST_METHODS = new Set(['bypassSecurityTrustHtml', 'bypassSecurityTrustScript', 'bypassSecurityTrustStyle', 'bypassSecurityTrustUrl', 'bypassSecurityTrustResourceUrl']);

/** vue-router's `useRoute()` and the modules Nuxt re-exports it from (Nuxt also makes it a global). */
const VUE_ROUTE_MODULES = new Set(['vue-router', '#app', '#imports', 'nuxt/app', '#vue-router']);
/** Properties of a vue-router route that hold URL data. */
const VUE_ROUTE_DATA: Record<string, string> = { query: 'URL query', params: 'URL route params', hash: 'URL fragment', fullPath: 'page URL' };
/** Properties of SvelteKit's `page.url` an attacker sets through a link. */
const SVELTE_URL_DATA: Record<string, string> = { searchParams: 'URL query', search: 'URL query string', hash: 'URL fragment', href: 'page URL' };
/** Properties of Angular's `ActivatedRoute` (and its `snapshot`) that hold URL data. */
const ANGULAR_ROUTE_DATA: Record<string, string> = {
  queryParams: 'URL query',
  queryParamMap: 'URL query',
  params: 'URL route params',
  paramMap: 'URL route params',
  fragment: 'URL fragment',
};
/** How deep sources may refer to one another (a computed built from another computed…). */
const MAX_NESTING = 8;

type TaintOf = (node: JsNode) => Taint | null;

const FACTS = new WeakMap<JsHelpers, ComponentFacts>();

/** The component facts of a file, computed lazily and once (see {@link ComponentFacts}). */
export function componentFacts(lang: JsHelpers, file: string): ComponentFacts {
  let facts = FACTS.get(lang);
  if (!facts) FACTS.set(lang, (facts = new ComponentFacts(lang, file)));
  return facts;
}

/**
 * The template sinks of a Vue or Svelte file, each expression parsed at its place in the file (one small
 * parse each) and hung under the script's Program, so that its names resolve to the script's top-level
 * bindings. An expression that uses a name the template binds itself (`v-for`, slot props, `{#each}`) is
 * left out: what that name holds is not followed.
 */
export function templateValues(lang: JsHelpers): TemplateValue[] {
  const sfc = lang.parsed.sfc;
  if (!sfc || sfc.sinks.length === 0) return [];
  const program = lang.parsed.root.program as JsNode;
  const dialect = scriptDialect(sfc);
  const plugins: ParserPlugin[] = dialect === 'ts' || dialect === 'tsx' ? ['typescript'] : [];
  const sanitizable = sfc.framework === 'svelte' || sfc.scripts.some((s) => s.setup);
  const out: TemplateValue[] = [];
  for (const sink of sfc.sinks) {
    const value = parseTemplateExpression(lang.source, sink.range, plugins);
    if (!value || usesTemplateNames(value, sfc)) continue;
    value.parent = program;
    traverseJs(value, { enter: new Map(), exit: new Map() });
    out.push({ sink: sink.sink, value, toText: sink.toText, sanitizable });
  }
  return out;
}

function parseTemplateExpression(text: string, [start, end]: Range, plugins: ParserPlugin[]): JsNode | null {
  try {
    const expr = parseExpression(text.slice(start, end), { startIndex: start, errorRecovery: true, plugins });
    return ((expr as { errors?: unknown[] }).errors ?? []).length > 0 ? null : (expr as JsNode);
  } catch {
    return null;
  }
}

function usesTemplateNames(expr: JsNode, sfc: SfcLayout): boolean {
  if (sfc.templateLocals.size === 0) return false;
  let uses = expr.type === 'Identifier' && sfc.templateLocals.has(expr.name);
  walkJs(expr, (n) => {
    if (n.type === 'Identifier' && sfc.templateLocals.has(n.name)) uses = true;
    return !uses;
  });
  return uses;
}

/**
 * Sources of the component frameworks for one file. `source` is consulted by the value flow at every
 * node; it answers at once for files that are neither components nor Angular code.
 */
export class ComponentFacts {
  private readonly sfc: SfcLayout | null;
  private readonly program: JsNode;
  private readonly label: string;
  private modules: Map<string, Map<string, string>> | null = null;
  private vueProps: Set<string> | null = null;
  private options: t.ObjectExpression | null | undefined;
  private reactive: Map<string, JsNode> | null = null;
  private nesting = 0;
  private angularFile: boolean | null = null;

  constructor(
    private readonly lang: JsHelpers,
    file: string,
  ) {
    this.sfc = lang.parsed.sfc ?? null;
    this.program = lang.parsed.root.program as JsNode;
    this.label = componentLabel(file);
  }

  /** Whether the file imports from Angular (its inputs and router count as sources). */
  private get angular(): boolean {
    this.angularFile ??= this.imports().has('@angular/core') || this.imports().has('@angular/router');
    return this.angularFile;
  }

  /** A source the shared flow does not know, at `node`, or null. `taintOf` follows a value with the rule's flow. */
  source(node: JsNode, taintOf: TaintOf): Taint | null {
    if (!this.sfc && !this.angular) return null;
    if (this.nesting >= MAX_NESTING) return null;
    this.nesting++;
    try {
      switch (node.type) {
        case 'Identifier':
          return this.identifier(node, taintOf);
        case 'MemberExpression':
        case 'OptionalMemberExpression':
          return this.member(node, taintOf);
        case 'CallExpression':
          return this.call(node, taintOf);
        default:
          return null;
      }
    } finally {
      this.nesting--;
    }
  }

  private prop(name: string, node: JsNode): Taint {
    return { kind: 'param', node, description: `the \`${name}\` prop of <${this.label}>` };
  }

  private identifier(n: t.Identifier & JsNode, taintOf: TaintOf): Taint | null {
    const found = this.lang.scopes.lookup(n.name, this.lang.scopes.chainOf(n));
    if (found) {
      const b = found.binding;
      if (this.sfc && b.kind === 'var' && b.init && this.isPropsCall(b.init)) return b.path.length > 0 ? this.prop(b.path[0], b.id) : null;
      if (this.sfc?.framework === 'svelte' && b.kind === 'var' && this.isSvelteProp(b)) return this.prop(b.name, b.id);
      if (b.kind === 'param' && this.angular) return this.routeCallbackParam(b);
      return null;
    }
    if (!this.sfc || !this.inTemplate(n)) return null;
    if (this.sfc.framework === 'vue') {
      if (this.declaredVueProps().has(n.name)) return this.prop(n.name, n);
      return this.optionsMember(n.name, taintOf);
    }
    const reactive = this.reactiveDeclarations().get(n.name);
    return reactive ? taintOf(reactive) : null;
  }

  private member(n: (t.MemberExpression | t.OptionalMemberExpression) & JsNode, taintOf: TaintOf): Taint | null {
    const name = propertyName(n);
    if (name === null) return null;
    const object = unwrap(n.object as JsNode);
    if (this.sfc) {
      if (object.type === 'Identifier') {
        const found = this.lang.scopes.lookup(object.name, this.lang.scopes.chainOf(object));
        const b = found?.binding;
        if (b?.kind === 'var' && b.init && b.path.length === 0 && this.isPropsCall(b.init)) return this.prop(name, n);
        if (!found && (object.name === '$props' || object.name === '$$props') && this.inTemplateOrSvelte(object)) return this.prop(name, n);
      }
      if (object.type === 'ThisExpression' && this.sfc.framework === 'vue') {
        const member = this.optionsMember(name, taintOf);
        if (member) return member;
      }
      const route = this.sfc.framework === 'vue' ? this.vueRouteData(n, name, object) : this.sveltePageData(n, name, object);
      if (route) return route;
    }
    if (!this.angular) return null;
    if (object.type === 'ThisExpression' && this.angularInput(n, name)) return { kind: 'param', node: n, description: this.inputLabel(n, name) };
    return ANGULAR_ROUTE_DATA[name] && this.isActivatedRouteData(n) ? { kind: 'request', node: n, description: `${ANGULAR_ROUTE_DATA[name]} (${describeExpression(n)})` } : null;
  }

  private call(n: t.CallExpression & JsNode, taintOf: TaintOf): Taint | null {
    const callee = unwrap(n.callee as JsNode);
    // computed(() => …), $derived.by(() => …): the value is what the function returns.
    const fn = n.arguments[0] as JsNode | undefined;
    if (this.sfc && fn && (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression') && this.isComputed(callee)) {
      return firstTaint(returnedValues(fn), taintOf);
    }
    // An Angular signal input read as `this.html()`.
    if (this.angular && callee.type === 'MemberExpression' && unwrap(callee.object as JsNode).type === 'ThisExpression') {
      const name = propertyName(callee);
      if (name && this.angularInput(callee as JsNode, name, true)) return { kind: 'param', node: n, description: this.inputLabel(callee as JsNode, name) };
    }
    return null;
  }

  /** `computed` from vue (or Nuxt's global), Svelte's `$derived.by`. */
  private isComputed(callee: JsNode): boolean {
    if (this.sfc?.framework === 'svelte') return callee.type === 'MemberExpression' && propertyName(callee) === 'by' && isName(callee.object as JsNode, '$derived');
    if (callee.type !== 'Identifier' || callee.name !== 'computed') return false;
    const ref = this.lang.resolve(callee);
    return !!ref && (ref.module === null || ref.module === 'vue' || VUE_ROUTE_MODULES.has(ref.module)) && ref.path.join('.') === 'computed';
  }

  /** `defineProps(…)`, `withDefaults(defineProps(…), …)` (Vue), `$props()` (Svelte 5). */
  private isPropsCall(init: JsNode): boolean {
    let n = unwrap(init);
    if (n.type === 'CallExpression' && isName(n.callee as JsNode, 'withDefaults') && n.arguments[0]) n = unwrap(n.arguments[0] as JsNode);
    if (n.type !== 'CallExpression') return false;
    return this.sfc?.framework === 'svelte' ? isName(n.callee as JsNode, '$props') : isName(n.callee as JsNode, 'defineProps');
  }

  /** Svelte 4: `export let x` in the instance script. */
  private isSvelteProp(b: Binding): boolean {
    const declaration = b.id.parent?.type === 'VariableDeclarator' ? b.id.parent.parent : null;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind === 'const') return false;
    if (declaration.parent?.type !== 'ExportNamedDeclaration' || declaration.parent.parent !== this.program) return false;
    const start = b.id.start ?? 0;
    return !this.sfc!.scripts.some((s) => s.module && start >= s.range[0] && start < s.range[1]);
  }

  /** Whether a node is written outside the script blocks: in a template expression. */
  private inTemplate(n: JsNode): boolean {
    const start = n.start ?? 0;
    return !this.sfc!.scripts.some((s) => start >= s.range[0] && start < s.range[1]);
  }

  private inTemplateOrSvelte(n: JsNode): boolean {
    return this.sfc!.framework === 'svelte' || this.inTemplate(n);
  }

  /** Props a Vue component declares by name: `defineProps(['a'])`, `defineProps({ a: String })`, `defineProps<{ a: string }>()`, Options API `props`. */
  private declaredVueProps(): Set<string> {
    if (this.vueProps) return this.vueProps;
    const props = new Set<string>();
    const addKeys = (arg: JsNode | undefined) => {
      const a = arg ? unwrap(arg) : null;
      if (a?.type === 'ArrayExpression') for (const e of a.elements) if (e?.type === 'StringLiteral') props.add(e.value);
      if (a?.type === 'ObjectExpression') for (const p of a.properties) if (p.type !== 'SpreadElement') addName(props, propertyName(p));
    };
    walkJs(this.program, (n) => {
      if (n.type === 'CallExpression' && isName(n.callee as JsNode, 'defineProps')) {
        addKeys(n.arguments[0] as JsNode | undefined);
        const typeArg = n.typeParameters?.params[0];
        if (typeArg) for (const name of this.typeMembers(typeArg as JsNode)) props.add(name);
      }
      return !(n.type === 'FunctionDeclaration' || n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression' || n.type === 'ClassDeclaration');
    });
    const options = this.optionsObject();
    const declared = options?.properties.find((p) => p.type === 'ObjectProperty' && propertyName(p) === 'props') as t.ObjectProperty | undefined;
    if (declared) addKeys(declared.value as JsNode);
    return (this.vueProps = props);
  }

  /** Property names of a type literal, or of an interface / type alias of this file it names. */
  private typeMembers(type: JsNode): string[] {
    let members: t.TSTypeElement[] | null = null;
    if (type.type === 'TSTypeLiteral') members = type.members;
    else if (type.type === 'TSTypeReference' && type.typeName.type === 'Identifier') {
      const name = type.typeName.name;
      for (const stmt of (this.program as t.Program).body) {
        const decl = stmt.type === 'ExportNamedDeclaration' && stmt.declaration ? stmt.declaration : stmt;
        if (decl.type === 'TSInterfaceDeclaration' && decl.id.name === name) members = decl.body.body;
        if (decl.type === 'TSTypeAliasDeclaration' && decl.id.name === name && decl.typeAnnotation.type === 'TSTypeLiteral') members = decl.typeAnnotation.members;
      }
    }
    const names: string[] = [];
    for (const m of members ?? []) if (m.type === 'TSPropertySignature' && !m.computed) addName(names, propertyName({ type: 'ObjectProperty', key: m.key, computed: false } as t.ObjectProperty));
    return names;
  }

  /** The object of `export default { … }` / `export default defineComponent({ … })` (Vue Options API). */
  private optionsObject(): t.ObjectExpression | null {
    if (this.options !== undefined) return this.options;
    this.options = null;
    for (const stmt of (this.program as t.Program).body) {
      if (stmt.type !== 'ExportDefaultDeclaration') continue;
      let d = unwrap(stmt.declaration as JsNode);
      if (d.type === 'CallExpression' && d.arguments[0]) d = unwrap(d.arguments[0] as JsNode);
      if (d.type === 'ObjectExpression') this.options = d;
    }
    return this.options;
  }

  /** A member of a Vue Options API component, by name: a prop, a `data()` field, a computed or a `setup()` result. */
  private optionsMember(name: string, taintOf: TaintOf): Taint | null {
    const options = this.optionsObject();
    if (!options) return null;
    if (this.declaredVueProps().has(name)) {
      const declared = options.properties.find((p) => p.type === 'ObjectProperty' && propertyName(p) === 'props');
      if (declared) return this.prop(name, declared as JsNode);
    }
    for (const p of options.properties) {
      if (p.type === 'SpreadElement') continue;
      const key = propertyName(p);
      const fn = p.type === 'ObjectMethod' ? (p as JsNode) : unwrap((p as t.ObjectProperty).value as JsNode);
      if (key === 'data' || key === 'setup') {
        for (const returned of returnedValues(fn)) {
          const obj = unwrap(returned);
          if (obj.type !== 'ObjectExpression') continue;
          const field = obj.properties.find((f) => f.type === 'ObjectProperty' && propertyName(f) === name) as t.ObjectProperty | undefined;
          if (field) return taintOf(field.value as JsNode);
        }
      } else if (key === 'computed' && fn.type === 'ObjectExpression') {
        const c = fn.properties.find((f) => f.type !== 'SpreadElement' && propertyName(f) === name);
        const getter = c?.type === 'ObjectMethod' ? (c as JsNode) : c?.type === 'ObjectProperty' ? unwrap(c.value as JsNode) : null;
        if (getter) return firstTaint(returnedValues(getter), taintOf);
      }
    }
    return null;
  }

  /** Svelte 4 `$: name = value` at the top level of the script, by name. */
  private reactiveDeclarations(): Map<string, JsNode> {
    if (this.reactive) return this.reactive;
    const found = new Map<string, JsNode>();
    for (const stmt of (this.program as t.Program).body) {
      if (stmt.type !== 'LabeledStatement' || stmt.label.name !== '$' || stmt.body.type !== 'ExpressionStatement') continue;
      const e = stmt.body.expression;
      if (e.type === 'AssignmentExpression' && e.operator === '=' && e.left.type === 'Identifier') found.set(e.left.name, e.right as JsNode);
    }
    return (this.reactive = found);
  }

  /** `route.query` of `const route = useRoute()`, `useRoute().params`, `this.$route.query`, `$route.hash` (Vue, Nuxt). */
  private vueRouteData(n: JsNode, name: string, object: JsNode): Taint | null {
    const what = Object.hasOwn(VUE_ROUTE_DATA, name) ? VUE_ROUTE_DATA[name] : null;
    if (!what || !this.isVueRoute(object, 0)) return null;
    return { kind: 'request', node: n, description: `${what} (${describeExpression(n)})` };
  }

  private isVueRoute(node: JsNode, depth: number): boolean {
    const n = unwrap(node);
    if (n.type === 'MemberExpression') return unwrap(n.object as JsNode).type === 'ThisExpression' && propertyName(n) === '$route';
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee as JsNode);
      if (callee.type !== 'Identifier' || callee.name !== 'useRoute') return false;
      const ref = this.lang.resolve(callee);
      return !!ref && (ref.module === null || VUE_ROUTE_MODULES.has(ref.module));
    }
    if (n.type !== 'Identifier') return false;
    const found = this.lang.scopes.lookup(n.name, this.lang.scopes.chainOf(n));
    if (!found) return n.name === '$route' && this.inTemplate(n);
    const init = this.lang.constantInit(n);
    return depth < 4 && !!init && this.isVueRoute(init, depth + 1);
  }

  /** `$page.url.searchParams` (`page` from `$app/stores`), `page.url.hash` (`page` from `$app/state`), `$page.params`. */
  private sveltePageData(n: JsNode, name: string, object: JsNode): Taint | null {
    if (name === 'params' && this.isSveltePage(object)) return { kind: 'request', node: n, description: `URL route params (${describeExpression(n)})` };
    if (!Object.hasOwn(SVELTE_URL_DATA, name) || object.type !== 'MemberExpression' || propertyName(object) !== 'url') return null;
    if (!this.isSveltePage(unwrap(object.object as JsNode))) return null;
    return { kind: 'request', node: n, description: `${SVELTE_URL_DATA[name]} (${describeExpression(n)})` };
  }

  private isSveltePage(n: JsNode): boolean {
    if (n.type !== 'Identifier') return false;
    const stores = this.imports().get('$app/stores');
    if (n.name.startsWith('$') && stores) {
      // `$page` is the value of the store imported as `page`.
      return stores.get(n.name.slice(1)) === 'page' && !this.lang.scopes.lookup(n.name, this.lang.scopes.chainOf(n));
    }
    const ref = this.lang.resolve(n);
    return ref?.module === '$app/state' && ref.path.join('.') === 'page';
  }

  /** Module → (local name → imported name) of the file's imports. */
  private imports(): Map<string, Map<string, string>> {
    if (this.modules) return this.modules;
    const modules = new Map<string, Map<string, string>>();
    for (const b of this.lang.scopes.info(this.program).bindings.values()) {
      if (b.kind !== 'import' || !b.module) continue;
      let names = modules.get(b.module);
      if (!names) modules.set(b.module, (names = new Map()));
      names.set(b.name, b.imported ?? '');
    }
    return (this.modules = modules);
  }

  /** Whether `this.<name>` is an Angular input of the enclosing class: `@Input() name`, or `name = input()` read as a call. */
  private angularInput(n: JsNode, name: string, call = false): boolean {
    const cls = enclosingClass(n);
    if (!cls) return false;
    for (const m of cls.body.body) {
      if (m.type !== 'ClassProperty' || propertyName(m) !== name) continue;
      if (m.decorators?.some((d) => this.isAngularCall(d.expression as JsNode, 'Input'))) return !call;
      const value = m.value ? unwrap(m.value as JsNode) : null;
      if (!call || value?.type !== 'CallExpression') return false;
      return this.isAngularCall(value, 'input') || this.isAngularCall(value, 'model');
    }
    return false;
  }

  /** `Input()` / `input()` / `input.required()` imported from `@angular/core`. */
  private isAngularCall(node: JsNode, name: string): boolean {
    const n = unwrap(node);
    if (n.type !== 'CallExpression') return false;
    const ref = this.lang.resolve(n.callee as JsNode);
    return ref?.module === '@angular/core' && ref.path[0] === name;
  }

  private inputLabel(n: JsNode, name: string): string {
    const cls = enclosingClass(n);
    return `the \`${name}\` input of ${cls?.id?.name ?? 'the component'}`;
  }

  /** `this.route.snapshot.queryParamMap`, `route.queryParams` of an injected `ActivatedRoute`. */
  private isActivatedRouteData(n: JsNode): boolean {
    const object = unwrap((n as t.MemberExpression).object as JsNode);
    const route = object.type === 'MemberExpression' && propertyName(object) === 'snapshot' ? unwrap(object.object as JsNode) : object;
    return this.isActivatedRoute(route);
  }

  private isActivatedRoute(n: JsNode): boolean {
    if (!this.imports().has('@angular/router')) return false;
    if (n.type === 'MemberExpression' && unwrap(n.object as JsNode).type === 'ThisExpression') {
      const name = propertyName(n);
      const cls = enclosingClass(n);
      if (!cls || !name) return false;
      for (const m of cls.body.body) {
        if (m.type === 'ClassProperty' && propertyName(m) === name) return this.routeTyped(m.typeAnnotation) || this.injectsRoute(m.value as JsNode | null);
        if (m.type === 'ClassMethod' && m.kind === 'constructor') {
          for (const p of m.params) {
            if (p.type === 'TSParameterProperty' && p.parameter.type === 'Identifier' && p.parameter.name === name) return this.routeTyped(p.parameter.typeAnnotation);
          }
        }
      }
      return false;
    }
    if (n.type !== 'Identifier') return false;
    const b = this.lang.scopes.lookup(n.name, this.lang.scopes.chainOf(n))?.binding;
    if (b?.kind === 'var') return b.path.length === 0 && this.injectsRoute(b.init);
    return b?.kind === 'param' && b.path.length === 0 && this.routeTyped((b.id as t.Identifier).typeAnnotation);
  }

  private routeTyped(ann: t.Node | null | undefined): boolean {
    if (ann?.type !== 'TSTypeAnnotation') return false;
    const type = ann.typeAnnotation;
    return type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && this.imports().get('@angular/router')?.get(type.typeName.name) === 'ActivatedRoute';
  }

  /** `inject(ActivatedRoute)`. */
  private injectsRoute(value: JsNode | null | undefined): boolean {
    const v = value ? unwrap(value) : null;
    if (!v || v.type !== 'CallExpression' || !this.isAngularCall(v, 'inject')) return false;
    const arg = v.arguments[0] as JsNode | undefined;
    return arg?.type === 'Identifier' && this.imports().get('@angular/router')?.get(arg.name) === 'ActivatedRoute';
  }

  /** `route.queryParamMap.subscribe((params) => …)`, also through `.pipe(…)`: the callback's parameter is URL data. */
  private routeCallbackParam(b: Binding): Taint | null {
    const fn = b.fn!;
    const call = fn.parent;
    if (b.paramIndex !== 0 || call?.type !== 'CallExpression' || call.arguments[0] !== fn) return null;
    const callee = unwrap(call.callee as JsNode);
    if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'subscribe') return null;
    let source = unwrap(callee.object as JsNode);
    for (let i = 0; i < 5 && source.type === 'CallExpression' && source.callee.type === 'MemberExpression' && propertyName(source.callee) === 'pipe'; i++) {
      source = unwrap(source.callee.object as JsNode);
    }
    const name = source.type === 'MemberExpression' ? propertyName(source) : null;
    if (!name || !Object.hasOwn(ANGULAR_ROUTE_DATA, name) || !this.isActivatedRouteData(source)) return null;
    return { kind: 'request', node: b.id, description: `${ANGULAR_ROUTE_DATA[name]} (${describeExpression(source)})` };
  }
}

/** `src/components/UserBio.vue` → `UserBio`. */
function componentLabel(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

function isName(node: JsNode, name: string): boolean {
  const n = unwrap(node);
  return n.type === 'Identifier' && n.name === name;
}

function addName(into: Set<string> | string[], name: string | null): void {
  if (name === null) return;
  if (Array.isArray(into)) into.push(name);
  else into.add(name);
}

/** The expressions a function returns (an arrow's expression body, or its `return` arguments outside nested functions). */
function returnedValues(fn: JsNode): JsNode[] {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression' && fn.type !== 'ObjectMethod') return [];
  const body = fn.body as JsNode;
  if (body.type !== 'BlockStatement') return [body];
  const values: JsNode[] = [];
  walkJs(body, (n) => {
    if (n.type === 'ReturnStatement' && n.argument) values.push(n.argument as JsNode);
    return !(n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'ObjectMethod' || n.type === 'ClassMethod');
  });
  return values;
}

function firstTaint(values: JsNode[], taintOf: TaintOf): Taint | null {
  let first: Taint | null = null;
  for (const v of values) {
    const r = taintOf(v);
    if (r && r.kind !== 'param') return r;
    first ??= r;
  }
  return first;
}

/** The class a `this` belongs to: the nearest class, unless a non-arrow function is in between. */
function enclosingClass(node: JsNode): (t.ClassDeclaration | t.ClassExpression) | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') return n;
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') return null;
  }
  return null;
}

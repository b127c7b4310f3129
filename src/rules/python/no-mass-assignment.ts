import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { PythonFlowOptions, PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { argumentsOf, calleeLastName, keywordArgument, positionalArguments, pyQuote, pyString } from './call-helpers';
import { chainNames } from '../../languages/python/sources';
import { flowRelated, importedPackages, plausibleSource } from './model-calls';

/** Base classes (last name) of ORM models: SQLAlchemy, Flask-SQLAlchemy, SQLModel, Django, MongoEngine, Peewee, Tortoise. */
const ORM_BASES = new Set(['Model', 'Base', 'DeclarativeBase', 'SQLModel', 'Document', 'DynamicDocument', 'EmbeddedDocument', 'AbstractUser', 'AbstractBaseUser', 'PermissionsMixin']);
/** Bases that are schemas, not tables: a splat into them validates. */
const SCHEMA_MODULES = /^(?:pydantic|marshmallow|attrs|dataclasses|msgspec|rest_framework\.serializers)/;
/** Model methods that create or update rows from keyword arguments. */
const MODEL_WRITES = new Set(['create', 'update', 'get_or_create', 'update_or_create', 'insert', 'bulk_create', 'values']);
/** Modules whose files define models. */
const MODELS_MODULE = /(?:^|\.)models?$/;
/** Packages that make the file ORM code. */
const ORM_PACKAGES = new Set(['sqlalchemy', 'flask_sqlalchemy', 'sqlmodel', 'django', 'mongoengine', 'peewee', 'tortoise', 'pony']);
/** Receivers that are request data, whose `.dict()` is a plain copy. */
const REQUEST_CHAIN = /^(?:request|req|self\.request)\b|\.(?:POST|GET|form|args|json|data|query_params|values)$/;
/** Fields a client must not choose: keys, ownership, privileges, credentials, bookkeeping. */
const SENSITIVE_FIELD = /^(?:id|pk|uuid|is_\w+|admin|superuser|staff|role|roles|permissions?|groups|scopes?|password\w*|pw_?hash|\w*_hash|hash\w*|created\w*|updated\w*|modified\w*|deleted\w*|owner\w*|\w*user_id|tenant\w*|org\w*|account_id|balance|credits?|verified|\w+_verified|active|status|plan|tier|quota\w*|token\w*|secret\w*|api_key|last_login|date_joined|_\w*)$/;

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-mass-assignment',
  languages: ['python'],
  meta: {
    description: 'Request JSON or form data must not be splatted into ORM models or setattr loops; copy allowed fields explicitly',
    severity: 'warning',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-915'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      massAssignment:
        '{{target}} takes every field of {{source}}, so the sender can set fields your form never shows (`is_admin`, `role`, `owner_id`, `balance`): mass assignment. Copy the fields you allow one by one, or validate the data with a schema that lists them (pydantic, marshmallow, a DRF serializer).',
      requestChosenAttribute:
        'setattr() sets the attribute named by {{source}}, so the sender chooses which fields of the object to set (`is_admin`, `role`, `owner_id`, `balance`): mass assignment. Check the name against an allow-list of fields first.',
      pickFields: 'Keep only the fields {{fields}}',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!/\*\*|setattr|update|__dict__/.test(text)) return {};
    const orm = [...importedPackages(lang)].some((p) => ORM_PACKAGES.has(p));
    const options: PythonFlowOptions = { kinds: new Set(['request']), trusted: (n) => fixedKeys(lang, n) };

    const report = (value: SyntaxNode, target: string | null, model: SyntaxNode | null) => {
      if (!lang.liveBranch(value)) return;
      const source = lang.taint(value, options);
      if (!source || !plausibleSource(lang, source)) return;
      context.report({
        range: lang.range(value),
        messageId: target ? 'massAssignment' : 'requestChosenAttribute',
        data: target ? { target, source: source.description } : { source: source.description },
        flow: flowRelated(lang, source),
        suggest: model ? pickSuggestion(lang, value, model) : [],
      });
    };

    return {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (!last) return;
        const fn = call.childForFieldName('function')!;
        if (last === 'setattr' && lang.callee(call)?.module === null) {
          const name = lang.argument(call, 1);
          if (name && !lang.isConstant(name)) report(name, null, null);
          return;
        }
        if (last === 'update' && fn.type === 'attribute') {
          const object = fn.childForFieldName('object')!;
          const arg = positionalArguments(call)[0] ?? splat(call);
          if (!arg) return;
          if (isObjectDict(lang, object)) {
            report(arg, `${object.text}.update()`, null);
            return;
          }
          if (orm && isQuery(object)) {
            report(arg, 'The query update()', null);
            return;
          }
        }
        const spread = splat(call);
        const model = ormModel(lang, call, last);
        if (!model) return;
        const value = spread ?? (last === 'values' ? positionalArguments(call)[0] : null) ?? (last === 'update_or_create' || last === 'get_or_create' ? keywordArgument(call, 'defaults')?.childForFieldName('value') : null);
        if (value) report(value, model.target, model.cls);
      },
    };
  },
});

/** The mapping of a `**mapping` argument, or null. */
function splat(call: SyntaxNode): SyntaxNode | null {
  const arg = argumentsOf(call).find((a) => a.type === 'dictionary_splat');
  return arg?.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
}

/**
 * The model a call creates or updates a row of: a model class called (`User(**data)`), a Django manager
 * method (`User.objects.create(**data)`), a model's own `create`/`update` (Peewee, SQLModel), or
 * `update(User).values(**data)` (SQLAlchemy); with the class when it is defined in this file.
 */
function ormModel(lang: PythonHelpers, call: SyntaxNode, last: string): { target: string; cls: SyntaxNode | null } | null {
  const fn = call.childForFieldName('function')!;
  if (fn.type === 'identifier') {
    const cls = modelClass(lang, fn);
    return cls !== undefined ? { target: `${fn.text}(**…)`, cls } : null;
  }
  if (fn.type !== 'attribute' || !MODEL_WRITES.has(last)) return null;
  const names = chainNames(fn);
  const objects = names.indexOf('objects');
  if (objects > 0) {
    const root = rootIdentifier(fn);
    const cls = root ? modelClass(lang, root) : undefined;
    return { target: `${names.slice(0, objects + 1).join('.')}.${last}()`, cls: cls ?? null };
  }
  if (last === 'values') {
    const ref = lang.callee(call);
    if (!ref?.module?.startsWith('sqlalchemy') && !ref?.module?.startsWith('sqlmodel')) return null;
    return { target: `${fn.childForFieldName('object')!.text.replace(/\s+/g, ' ')}.values()`, cls: null };
  }
  const object = fn.childForFieldName('object');
  if (object?.type !== 'identifier') return null;
  const cls = modelClass(lang, object);
  return cls !== undefined ? { target: `${object.text}.${last}(**…)`, cls } : null;
}

/**
 * The class a name refers to when it is an ORM model: the class node when defined in this file, null when
 * imported from a `models` module; undefined when it is not a model (a schema, a function, unknown).
 */
function modelClass(lang: PythonHelpers, id: SyntaxNode): SyntaxNode | null | undefined {
  const sites = lang.scopes.lookupNode(id)?.sites ?? [];
  if (sites.length !== 1) return undefined;
  const site = sites[0];
  if (site.kind === 'class' && site.value) return isOrmClass(lang, site.value) ? site.value : undefined;
  if (site.kind === 'import') {
    const ref = lang.resolve(id);
    return ref?.module && MODELS_MODULE.test(ref.module) && /^[A-Z]/.test(id.text) && !/^django\.(?:forms|db)\b/.test(ref.module) ? null : undefined;
  }
  return undefined;
}

function isOrmClass(lang: PythonHelpers, cls: SyntaxNode): boolean {
  const bases = cls.childForFieldName('superclasses')?.namedChildren.filter((b): b is SyntaxNode => !!b && b.type !== 'keyword_argument' && b.type !== 'comment') ?? [];
  for (const base of bases) {
    const ref = base.type === 'identifier' || base.type === 'attribute' ? lang.resolve(base) : null;
    if (ref?.module && SCHEMA_MODULES.test(ref.module)) return false;
    const last = base.type === 'attribute' ? base.childForFieldName('attribute')?.text : base.text;
    if (last && ORM_BASES.has(last)) return true;
    if (ref?.module && /^(?:sqlalchemy|flask_sqlalchemy|sqlmodel|django\.db|mongoengine|peewee|tortoise)/.test(ref.module)) return true;
    // `Base = declarative_base()` / `db = SQLAlchemy()` defined here under another name.
    if (ref?.path.some((p) => /declarative_base|SQLAlchemy|registry/.test(p))) return true;
  }
  return false;
}

function rootIdentifier(node: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode | null = node;
  for (let i = 0; n && i < 20; i++) {
    if (n.type === 'identifier') return n;
    n = n.type === 'attribute' ? n.childForFieldName('object') : n.type === 'call' ? n.childForFieldName('function') : null;
  }
  return null;
}

/** `obj.__dict__` or `vars(obj)`. */
function isObjectDict(lang: PythonHelpers, node: SyntaxNode): boolean {
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text === '__dict__';
  return node.type === 'call' && calleeLastName(node) === 'vars' && lang.callee(node)?.module === null;
}

/** An SQLAlchemy query: `session.query(User)…`, `User.query…`, `….filter_by(…)`. */
function isQuery(node: SyntaxNode): boolean {
  const names = chainNames(node);
  return names.includes('query') || names.includes('filter_by') || names.includes('filter') || names.includes('where');
}

/**
 * Mappings whose keys this program chose: dict literals with constant keys, `dict(a=…)`, comprehensions
 * filtered by a membership test, and data a schema validated (`.model_dump()`, `.dict()`, `cleaned_data`,
 * `validated_data`, `schema.load()`).
 */
function fixedKeys(lang: PythonHelpers, n: SyntaxNode): boolean {
  switch (n.type) {
    case 'dictionary':
      return n.namedChildren.every((c) => !c || c.type === 'comment' || (c.type === 'pair' && lang.isConstant(c.childForFieldName('key')!)));
    case 'dictionary_comprehension':
      return n.namedChildren.some((c) => c?.type === 'if_clause' && /\bin\b/.test(c.text));
    case 'attribute':
      return /^(?:cleaned_data|validated_data)$/.test(n.childForFieldName('attribute')?.text ?? '');
    case 'call': {
      const last = calleeLastName(n);
      if (last === 'dict' && lang.callee(n)?.module === null) return argumentsOf(n).every((a) => a.type === 'keyword_argument');
      // pydantic v1 `.dict()`, not Django's `QueryDict.dict()` of `request.POST`.
      const receiver = n.childForFieldName('function')?.childForFieldName('object');
      const requestDict = !!receiver && REQUEST_CHAIN.test(receiver.text);
      return last === 'model_dump' || last === 'load' || (last === 'dict' && !!receiver && !requestDict && argumentsOf(n).every((a) => a.type === 'keyword_argument'));
    }
    default:
      return false;
  }
}

/**
 * For a model defined in this file: keep only the fields a client may set, those of the model that are not
 * keys, ownership, privileges or bookkeeping (`**{k: v for k, v in data.items() if k in ("name", "email")}`).
 */
function pickSuggestion(lang: PythonHelpers, value: SyntaxNode, cls: SyntaxNode): FixDescriptor[] {
  const fields = editableFields(cls);
  if (fields.length === 0) return [];
  const source = /^(?:identifier|attribute|subscript|call)$/.test(value.type) ? value.text : `(${value.text})`;
  const tuple = `(${fields.map((f) => pyString(f, pyQuote(lang))).join(', ')}${fields.length === 1 ? ',' : ''})`;
  return [{
    messageId: 'pickFields',
    data: { fields: fields.join(', ') },
    edits: [{ range: lang.range(value), text: `{k: v for k, v in ${source}.items() if k in ${tuple}}` }],
  }];
}

/** The columns of a model class body that a client may reasonably set. */
function editableFields(cls: SyntaxNode): string[] {
  const out: string[] = [];
  for (const statement of cls.childForFieldName('body')?.namedChildren ?? []) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : null;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'identifier' || SENSITIVE_FIELD.test(left.text)) continue;
    const value = right?.text ?? '';
    const type = assignment.childForFieldName('type')?.text ?? '';
    const column = /Column\(|mapped_column\(|Field\(/.test(value) || (type !== '' && !/ClassVar|relationship/.test(type));
    if (!column || /primary_key\s*=\s*True|relationship\(|ForeignKey\(|backref/.test(value)) continue;
    out.push(left.text);
  }
  return out;
}

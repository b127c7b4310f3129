import type { ResolvedRef } from './resolve';
import { refKey } from './sources';

/**
 * What a sanitizer makes a value safe for. A rule names the kinds its sink accepts in
 * `PythonFlowOptions.sanitizers`; conversions to numbers and booleans are always accepted.
 */
export type SanitizerKind = 'shell' | 'html' | 'path' | 'sql' | 'url' | 'regex';

/** Sanitizing functions by kind, as `module:path` of their resolved reference. */
export const SANITIZERS: Readonly<Record<SanitizerKind, ReadonlySet<string>>> = {
  shell: new Set(['shlex:quote', 'shlex:join', 'pipes:quote', 'mslex:quote']),
  html: new Set([
    'html:escape', 'markupsafe:escape', 'markupsafe:Markup.escape', 'flask:escape', 'jinja2:escape', 'bleach:clean',
    'nh3:clean', 'cgi:escape', 'xml.sax.saxutils:escape', 'xml.sax.saxutils:quoteattr', 'django.utils.html:escape',
    'django.utils.html:conditional_escape', 'django.utils.html:format_html', 'werkzeug.utils:escape',
  ]),
  path: new Set([
    'os.path:basename', 'os:path.basename', 'posixpath:basename', 'ntpath:basename', 'werkzeug.utils:secure_filename',
    'werkzeug:secure_filename', 'pathvalidate:sanitize_filename', 'pathvalidate:sanitize_filepath',
    'django.utils.text:get_valid_filename',
  ]),
  sql: new Set([
    'psycopg2.sql:Identifier', 'psycopg2.sql:Literal', 'psycopg.sql:Identifier', 'psycopg.sql:Literal', 'psycopg2:sql.Identifier',
    'psycopg2:sql.Literal', 'psycopg:sql.Identifier', 'psycopg:sql.Literal', 'pymysql.converters:escape_string',
    'MySQLdb:escape_string', 'sqlalchemy:bindparam', 'sqlalchemy:literal',
  ]),
  url: new Set(['urllib.parse:quote', 'urllib.parse:quote_plus', 'urllib.parse:urlencode', 'urllib:parse.quote', 'urllib:parse.quote_plus', 'requests.utils:quote']),
  regex: new Set(['re:escape', 'regex:escape']),
};

/** Conversions whose result carries no attacker-chosen text, whatever the sink. */
export const ALWAYS_SANITIZING: ReadonlySet<string> = new Set([
  ':int', ':float', ':bool', ':complex', ':len', ':isinstance', ':issubclass', ':hasattr', ':callable', ':id', ':hash',
  ':ord', ':any', ':all', 'uuid:UUID', 'decimal:Decimal', 'fractions:Fraction', 'math:floor', 'math:ceil', 'math:isnan',
  'os.path:exists', 'os:path.exists', 'os.path:isfile', 'os:path.isfile', 'os.path:isdir', 'os:path.isdir', 'os.path:getsize',
  'os:path.getsize', 'hmac:compare_digest', 'secrets:compare_digest',
]);

/** Methods whose result is a number or a boolean. */
export const NON_TEXT_METHODS: ReadonlySet<string> = new Set([
  'startswith', 'endswith', 'isdigit', 'isdecimal', 'isnumeric', 'isalnum', 'isalpha', 'isidentifier', 'isascii',
  'islower', 'isupper', 'isspace', 'istitle', 'isprintable', 'count', 'find', 'rfind', 'index', 'rindex', '__len__',
  'is_relative_to', 'exists', 'is_file', 'is_dir', 'is_absolute', 'is_symlink', 'stat', 'fullmatch', 'match', 'search',
  'hexdigest', 'digest', 'verify', 'total_seconds', 'timestamp', 'bit_length', 'is_valid', 'has_key', '__contains__',
  'issubset', 'issuperset', 'isdisjoint', 'getsize', 'tell', 'fileno',
]);

/** Helper names that, by convention, validate or escape their argument (as in the JS front-end). */
export const SANITIZER_NAME = /^_*(?:sanitize|sanitise|(?:html_|xml_|conditional_)?escape|quote|shell_?quote|shell_?escape|validate|allowlist|whitelist|assert_safe|safe_join|secure_filename|clean_path)/i;

/** The sanitizer kinds a resolved callee belongs to. */
export function sanitizerKinds(ref: ResolvedRef): SanitizerKind[] {
  const key = refKey(ref);
  return (Object.keys(SANITIZERS) as SanitizerKind[]).filter((k) => SANITIZERS[k].has(key));
}

/** Functions that normalise a path so that a prefix check on the result is a containment check. */
export const PATH_NORMALIZERS: ReadonlySet<string> = new Set([
  'os.path:realpath', 'os:path.realpath', 'os.path:abspath', 'os:path.abspath', 'os.path:normpath', 'os:path.normpath',
  'posixpath:realpath', 'posixpath:normpath', 'posixpath:abspath',
]);
/** `Path(...)` constructors whose `.resolve()` normalises. */
export const PATH_CLASSES: ReadonlySet<string> = new Set(['pathlib:Path', 'pathlib:PurePath', 'pathlib:PosixPath', 'pathlib:WindowsPath']);

/** Calls that end the current branch (`abort(403)`, `sys.exit()`), by last name. */
export const EXIT_CALLS: ReadonlySet<string> = new Set(['abort', 'exit', '_exit']);

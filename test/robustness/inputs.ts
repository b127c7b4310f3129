/** Generators of hostile inputs for the robustness tests. Deterministic: every generator is seeded. */

/** A small seeded PRNG (mulberry32), so a failing random input can be reproduced from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` random bytes. */
export function randomBytes(seed: number, length: number): Buffer {
  const next = seededRandom(seed);
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(next() * 256);
  return bytes;
}

const TOKENS = [
  // keywords and punctuation
  'const', 'let', 'var', 'function', 'async', 'await', 'return', 'if', 'else', 'for', 'of', 'in', 'new',
  'class', 'extends', 'import', 'export', 'from', 'default', 'yield', 'typeof', 'as', 'satisfies',
  '(', ')', '{', '}', '[', ']', ';', ',', '.', '?.', '=>', '=', '+', '-', '*', '/', '<', '>', '?', ':',
  '...', '!', '&&', '||', '??', '\n', '\r\n', '\r', ' ', '\t', '#x', '@dec', '<div>', '</div>', '<T,>',
  // literals, comments and fragments that start or end them
  '"str"', "'str'", '`tpl ${', '}`', '`', '/re/g', '/', '0x1F', '1e3', '10n', '"', "'", '/*', '*/', '//',
  '// rampart-ignore-next-line js/no-shell-injection -- reason\n', '// rampart-ignore-next-line\n',
  '/* rampart-ignore-next-line js/no-dynamic-eval */', '\\u{1F600}', '😀', '\uFEFF', '\u2028',
  // names the rules look for
  'exec', 'execSync', 'spawn', 'eval', 'Function', 'vm.runInNewContext', 'child_process', 'require',
  'req', 'req.query.q', 'req.body', 'ctx.request.body', 'process.argv', 'process.env',
  'openai.chat.completions.create', 'completion.choices[0].message.content', 'JSON.parse',
  'rejectUnauthorized', 'false', 'NODE_TLS_REJECT_UNAUTHORIZED', "'0'", 'shell: true',
  'apiKey', "'sk-proj-abc'", "'sk_live_0123456789abcdefghijklmn'", "'AKIAIOSFODNN7EXAMPLE'",
];

/** Random JavaScript-ish token soup: syntactically broken in every way, full of names rules react to. */
export function tokenSoup(seed: number, count: number): string {
  const next = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(TOKENS[Math.floor(next() * TOKENS.length)]);
    if (next() < 0.5) out.push(' ');
  }
  return out.join('');
}

/** `open` repeated `depth` times, then `middle`, then `close` repeated `depth` times. */
export function nested(open: string, middle: string, close: string, depth: number): string {
  return open.repeat(depth) + middle + close.repeat(depth);
}

/** A template literal nested `depth` times inside substitutions: `` `${`${`x`}`}` ``. */
export function nestedTemplates(depth: number): string {
  return 'const t = ' + nested('`a${', '`x`', '}b`', depth) + ';\n';
}

/**
 * A minified one-line bundle of about `targetLength` characters made of copies of `module` wrapped
 * as separate IIFEs, with the number of copies.
 */
export function minifiedBundle(module: string, targetLength: number): { text: string; copies: number } {
  const parts: string[] = [];
  let length = 0;
  let copies = 0;
  while (length < targetLength) {
    const part = `var m${copies}=(()=>{${module}})();`;
    parts.push(part);
    length += part.length;
    copies++;
  }
  return { text: parts.join(''), copies };
}

// Turns whatever a person types into the search box into a valid FTS5 query, or null when nothing searchable is left.
// FTS5's own syntax (column filters, NEAR, ^, unquoted punctuation) errors on ordinary input like `don't` or
// `re: deploy`, so nothing the person typed reaches FTS5 unquoted except the operators we recognise:
//   "a phrase"      → a phrase               word*  → prefix
//   AND / OR / NOT  → operators (uppercase only; lowercase "and" is a word)
//   ( … )           → grouping; unbalanced parentheses are closed or dropped
// Every other token is quoted as a string, so `title:foo` searches the words "title" and "foo", and `NEAR` is a word.
// Adjacent terms are implicitly ANDed, as in FTS5.
// FTS5's parser has a small fixed stack: parentheses nest at most MAX_DEPTH deep (deeper ones are read as plain
// grouping of their terms), at most MAX_TERMS terms count, and chains are written flat (`a OR b OR c`), not as the nested
// parentheses a binary tree would print. Control characters (a NUL ends an FTS5 string early) separate words.

type Token =
  | { kind: 'term'; text: string; prefix: boolean; phrase: boolean }
  | { kind: 'op'; op: 'AND' | 'OR' | 'NOT' }
  | { kind: 'open' }
  | { kind: 'close' };

type Node =
  | { kind: 'term'; text: string; prefix: boolean }
  | { kind: 'binary'; op: 'AND' | 'OR' | 'NOT'; left: Node; right: Node };

// A token only matches something when it has a letter or a digit; the unicode61 tokenizer drops the rest
// (emoji, punctuation), and a query made only of those would match nothing anyway.
const SEARCHABLE = /[\p{L}\p{N}]/u;
const MAX_QUERY_CHARS = 1000;
const MAX_TERMS = 64;
const MAX_DEPTH = 8;
// C0 and C1 control characters, DEL included.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/gu;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const text = input.slice(0, MAX_QUERY_CHARS).replace(CONTROL, ' ').normalize('NFC');
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/u.test(ch)) {
      i++;
    } else if (ch === '"') {
      // An unbalanced quote runs to the end of the input: the person was typing a phrase.
      const end = text.indexOf('"', i + 1);
      const body = end === -1 ? text.slice(i + 1) : text.slice(i + 1, end);
      i = end === -1 ? text.length : end + 1;
      const prefix = text[i] === '*';
      if (prefix) i++;
      tokens.push({ kind: 'term', text: body, prefix, phrase: true });
    } else if (ch === '(') {
      tokens.push({ kind: 'open' });
      i++;
    } else if (ch === ')') {
      tokens.push({ kind: 'close' });
      i++;
    } else {
      let j = i;
      while (j < text.length && !/[\s"()]/u.test(text[j])) j++;
      const word = text.slice(i, j);
      i = j;
      if (word === 'AND' || word === 'OR' || word === 'NOT') tokens.push({ kind: 'op', op: word });
      else {
        const prefix = /\*+$/.test(word);
        tokens.push({ kind: 'term', text: word.replace(/\*+$/, ''), prefix, phrase: false });
      }
    }
  }
  return tokens;
}

/** A tolerant recursive-descent parser: anything out of place is skipped, never an error. */
function parse(tokens: Token[]): Node | null {
  let pos = 0;
  let depth = 0;
  let terms = 0;

  const peek = () => tokens[pos];

  function primary(): Node | null {
    while (pos < tokens.length) {
      const token = tokens[pos];
      if (token.kind === 'term') {
        pos++;
        if (!SEARCHABLE.test(token.text) || terms >= MAX_TERMS) continue;
        terms++;
        return { kind: 'term', text: token.text, prefix: token.prefix };
      }
      if (token.kind === 'open') {
        pos++;
        // Too deep: the parenthesis is dropped, and its terms join the group around it.
        if (depth >= MAX_DEPTH) continue;
        depth++;
        const inner = orExpr();
        if (peek()?.kind === 'close') pos++;
        depth--;
        if (inner) return inner;
        continue;
      }
      if (token.kind === 'close') {
        // Closes the caller's group; at the top level it is a stray parenthesis (as are the ones that closed
        // parentheses dropped above MAX_DEPTH: the next group up takes them, which only widens the grouping).
        if (depth > 0) return null;
        pos++;
        continue;
      }
      // An operator where a term belongs ("AND foo", "NOT NOT x") is dropped.
      pos++;
    }
    return null;
  }

  function notExpr(): Node | null {
    let left = primary();
    while (left && peek()?.kind === 'op' && (peek() as { op: string }).op === 'NOT') {
      pos++;
      const right = primary();
      if (right) left = { kind: 'binary', op: 'NOT', left, right };
    }
    return left;
  }

  function andExpr(): Node | null {
    let left = notExpr();
    for (;;) {
      const token = peek();
      if (!token || token.kind === 'close' || (token.kind === 'op' && token.op === 'OR')) break;
      if (token.kind === 'op' && token.op === 'AND') {
        pos++;
        continue;
      }
      if (token.kind === 'op' && token.op === 'NOT') {
        // "a AND NOT b" means a without b; a NOT with nothing to its left is dropped.
        pos++;
        const excluded = notExpr();
        if (excluded) left = left ? { kind: 'binary', op: 'NOT', left, right: excluded } : excluded;
        continue;
      }
      const right = notExpr();
      if (!right) continue;
      left = left ? { kind: 'binary', op: 'AND', left, right } : right;
    }
    return left;
  }

  function orExpr(): Node | null {
    let left = andExpr();
    for (;;) {
      const token = peek();
      if (!token || token.kind === 'close') break;
      if (token.kind === 'op' && token.op === 'OR') pos++;
      const right = andExpr();
      if (!right) continue;
      left = left ? { kind: 'binary', op: 'OR', left, right } : right;
    }
    return left;
  }

  let result: Node | null = null;
  while (pos < tokens.length) {
    const part = orExpr();
    if (part) result = result ? { kind: 'binary', op: 'AND', left: result, right: part } : part;
    if (peek()?.kind === 'close') pos++; // stray ')' at the top level
  }
  return result;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

// FTS5 precedence, highest first: NOT, AND, OR; all left-associative.
const PRECEDENCE = { NOT: 3, AND: 2, OR: 1 } as const;

/** Parentheses only where precedence or a right-hand group needs them, so a left chain stays flat. */
function serialize(node: Node): string {
  if (node.kind === 'term') return quote(node.text) + (node.prefix ? '*' : '');
  const own = PRECEDENCE[node.op];
  const side = (child: Node, right: boolean) => {
    const text = serialize(child);
    if (child.kind === 'term') return text;
    const theirs = PRECEDENCE[child.op];
    return theirs < own || (right && theirs <= own) ? `(${text})` : text;
  };
  return `${side(node.left, false)} ${node.op} ${side(node.right, true)}`;
}

/** The FTS5 MATCH expression for what the person typed, or null when nothing in it can match. Never throws. */
export function toFtsQuery(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const tree = parse(tokenize(input));
  if (!tree) return null;
  return serialize(tree);
}

/**
 * The fallback when FTS5 still refuses a query: the words alone, all required, no operators. A search box answers
 * with fewer hits rather than an error.
 */
export function toFtsWordsQuery(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const words = input.slice(0, MAX_QUERY_CHARS).normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? null : words.slice(0, MAX_TERMS).map(quote).join(' AND ');
}

/** Marks FTS5 puts around matched words in snippets (documented in the contract). */
export const SNIPPET_OPEN = '[';
export const SNIPPET_CLOSE = ']';

/**
 * The boolean pattern of a rule, such as "(1 AND 2) OR NOT 3", parsed into a small tree over condition numbers.
 * An empty pattern means every condition AND'ed. Errors carry a code (for translated messages), the position in
 * the pattern and an English message that names that position, so the rule editor can point at the mistake.
 */

export type PatternNode =
  | { type: 'condition'; index: number }
  | { type: 'and'; items: PatternNode[] }
  | { type: 'or'; items: PatternNode[] }
  | { type: 'not'; item: PatternNode }
  /** Matches everything: an empty pattern over a rule without conditions. */
  | { type: 'all' };

export type PatternErrorCode =
  | 'unknownCondition'
  | 'unbalancedParenthesis'
  | 'danglingOperator'
  | 'missingOperator'
  | 'mixedOperators'
  | 'emptyParentheses'
  | 'unexpectedCharacter';

export interface PatternError {
  code: PatternErrorCode;
  /** 0-based offset in the pattern text. */
  position: number;
  /** Characters the mistake spans, for highlighting. */
  length: number;
  message: string;
}

export type PatternParse = { ok: true; tree: PatternNode } | { ok: false; error: PatternError };

type Token =
  | { kind: 'number'; value: number; position: number; length: number }
  | { kind: 'and' | 'or' | 'not' | 'open' | 'close'; position: number; length: number };

class PatternSyntaxError extends Error {
  constructor(readonly detail: PatternError) {
    super(detail.message);
  }
}

function fail(code: PatternErrorCode, position: number, length: number, what: string): never {
  throw new PatternSyntaxError({ code, position, length, message: `${what} at position ${position + 1}` });
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const ch = text[at];
    if (/\s/.test(ch)) {
      at++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'open' : 'close', position: at, length: 1 });
      at++;
    } else if (/[0-9]/.test(ch)) {
      const start = at;
      while (at < text.length && /[0-9]/.test(text[at])) at++;
      tokens.push({ kind: 'number', value: Number(text.slice(start, at)), position: start, length: at - start });
    } else if (/[A-Za-z]/.test(ch)) {
      const start = at;
      while (at < text.length && /[A-Za-z]/.test(text[at])) at++;
      const word = text.slice(start, at).toUpperCase();
      if (word === 'AND' || word === 'OR' || word === 'NOT') {
        tokens.push({
          kind: word === 'AND' ? 'and' : word === 'OR' ? 'or' : 'not',
          position: start,
          length: at - start,
        });
      } else {
        fail('unexpectedCharacter', start, at - start, `Unknown word "${text.slice(start, at)}" (use AND, OR, NOT)`);
      }
    } else {
      fail('unexpectedCharacter', at, 1, `Unexpected character "${ch}"`);
    }
  }
  return tokens;
}

/**
 * Recursive descent: expression := term ((AND|OR) term)*, term := NOT term | number | "(" expression ")".
 * AND and OR are not mixed at one level without parentheses: "1 AND 2 OR 3" reads two ways to a planner, so we
 * ask which one is meant (as Salesforce does) rather than silently applying a precedence.
 */
class Parser {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly conditionCount: number,
    private readonly textLength: number,
  ) {}

  parse(): PatternNode {
    const tree = this.expression();
    const extra = this.tokens[this.at];
    if (extra) {
      if (extra.kind === 'close')
        fail('unbalancedParenthesis', extra.position, 1, 'Closing parenthesis without an opening one');
      fail('missingOperator', extra.position, extra.length, 'AND or OR expected');
    }
    return tree;
  }

  private expression(): PatternNode {
    const items = [this.term()];
    let operator: { kind: 'and' | 'or'; position: number } | null = null;
    for (;;) {
      const token = this.tokens[this.at];
      if (!token || (token.kind !== 'and' && token.kind !== 'or')) break;
      if (operator && operator.kind !== token.kind) {
        fail('mixedOperators', token.position, token.length, `Add parentheses to mix AND and OR`);
      }
      operator = { kind: token.kind, position: token.position };
      this.at++;
      items.push(this.term());
    }
    if (!operator) return items[0];
    // Flatten "(1 AND 2) AND 3" so evaluation filters in one pass per condition.
    const flat: PatternNode[] = [];
    for (const item of items) {
      if (item.type === operator.kind) flat.push(...item.items);
      else flat.push(item);
    }
    return operator.kind === 'and' ? { type: 'and', items: flat } : { type: 'or', items: flat };
  }

  private term(): PatternNode {
    const token = this.tokens[this.at];
    if (!token) {
      const previous = this.tokens[this.at - 1];
      if (previous && previous.kind === 'open')
        fail('unbalancedParenthesis', previous.position, 1, 'Parenthesis not closed');
      const where = previous ? previous.position : this.textLength;
      fail('danglingOperator', where, previous ? previous.length : 0, 'Condition number expected after the operator');
    }
    this.at++;
    switch (token.kind) {
      case 'number':
        if (token.value < 1 || token.value > this.conditionCount) {
          const range =
            this.conditionCount === 0 ? 'the rule has no conditions' : `conditions are 1 to ${this.conditionCount}`;
          fail('unknownCondition', token.position, token.length, `Unknown condition ${token.value} (${range})`);
        }
        return { type: 'condition', index: token.value - 1 };
      case 'not': {
        const item = this.term();
        return item.type === 'not' ? item.item : { type: 'not', item };
      }
      case 'open': {
        const next = this.tokens[this.at];
        if (next && next.kind === 'close')
          fail('emptyParentheses', token.position, next.position - token.position + 1, 'Empty parentheses');
        if (!next) fail('unbalancedParenthesis', token.position, 1, 'Parenthesis not closed');
        const inner = this.expression();
        const close = this.tokens[this.at];
        if (!close || close.kind !== 'close') {
          if (close) fail('missingOperator', close.position, close.length, 'AND, OR or ")" expected');
          fail('unbalancedParenthesis', token.position, 1, 'Parenthesis not closed');
        }
        this.at++;
        return inner;
      }
      case 'close':
        return fail('danglingOperator', token.position, 1, 'Condition number expected before ")"');
      case 'and':
      case 'or':
        return fail(
          'danglingOperator',
          token.position,
          token.length,
          `${token.kind.toUpperCase()} needs a condition on each side`,
        );
    }
  }
}

/** Parses a rule's pattern against its number of conditions; an empty pattern ANDs all of them. */
export function parsePattern(pattern: string, conditionCount: number): PatternParse {
  if (pattern.trim() === '') {
    if (conditionCount === 0) return { ok: true, tree: { type: 'all' } };
    if (conditionCount === 1) return { ok: true, tree: { type: 'condition', index: 0 } };
    const items: PatternNode[] = [];
    for (let index = 0; index < conditionCount; index++) items.push({ type: 'condition', index });
    return { ok: true, tree: { type: 'and', items } };
  }
  try {
    const tokens = tokenize(pattern);
    return { ok: true, tree: new Parser(tokens, conditionCount, pattern.length).parse() };
  } catch (error) {
    if (error instanceof PatternSyntaxError) return { ok: false, error: error.detail };
    throw error;
  }
}

/** Evaluates a pattern for one record, given each condition's outcome (explain and reference checks). */
export function evaluatePattern(tree: PatternNode, held: (index: number) => boolean): boolean {
  switch (tree.type) {
    case 'all':
      return true;
    case 'condition':
      return held(tree.index);
    case 'not':
      return !evaluatePattern(tree.item, held);
    case 'and':
      return tree.items.every((item) => evaluatePattern(item, held));
    case 'or':
      return tree.items.some((item) => evaluatePattern(item, held));
  }
}

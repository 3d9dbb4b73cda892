import { describe, expect, it } from 'vitest';
import { evaluatePattern, parsePattern, type PatternNode } from '../../../src/model/engine/rules/pattern';

function tree(pattern: string, conditions: number): PatternNode {
  const parsed = parsePattern(pattern, conditions);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.tree;
}

function error(pattern: string, conditions: number) {
  const parsed = parsePattern(pattern, conditions);
  if (parsed.ok) throw new Error(`"${pattern}" should not parse`);
  return parsed.error;
}

/** All 2^n outcomes of a pattern, as a string of 0/1 (bit i of the case = condition i+1 held). */
function truthTable(pattern: string, conditions: number): string {
  const node = tree(pattern, conditions);
  let out = '';
  for (let bits = 0; bits < 1 << conditions; bits++)
    out += evaluatePattern(node, (i) => ((bits >> i) & 1) === 1) ? '1' : '0';
  return out;
}

describe('rule pattern', () => {
  it('ANDs all conditions when empty', () => {
    expect(truthTable('', 3)).toBe(truthTable('1 AND 2 AND 3', 3));
    expect(truthTable('   ', 2)).toBe('0001');
    expect(tree('', 0)).toEqual({ type: 'all' });
  });

  it('reads (1 AND 2) OR 3', () => {
    // cases: bit0 = cond1, bit1 = cond2, bit2 = cond3
    expect(truthTable('(1 AND 2) OR 3', 3)).toBe('00011111');
  });

  it('reads 1 AND (2 OR 3)', () => {
    expect(truthTable('1 AND (2 OR 3)', 3)).toBe('00010101');
  });

  it('reads NOT, and keywords in any case', () => {
    expect(truthTable('not 1', 1)).toBe('10');
    expect(truthTable('1 and not 2', 2)).toBe('0100');
    expect(truthTable('NOT (1 Or 2)', 2)).toBe('1000');
    expect(truthTable('NOT NOT 1', 1)).toBe('01');
  });

  it('flattens nested ANDs', () => {
    expect(tree('(1 AND 2) AND 3', 3)).toEqual({
      type: 'and',
      items: [
        { type: 'condition', index: 0 },
        { type: 'condition', index: 1 },
        { type: 'condition', index: 2 },
      ],
    });
  });

  it('names an unknown condition number and its position', () => {
    const e = error('1 AND 4', 3);
    expect(e.code).toBe('unknownCondition');
    expect(e.position).toBe(6);
    expect(e.message).toContain('Unknown condition 4');
    expect(e.message).toContain('position 7');
    expect(error('0', 2).code).toBe('unknownCondition');
  });

  it('reports unbalanced parentheses', () => {
    const open = error('(1 AND 2', 2);
    expect(open.code).toBe('unbalancedParenthesis');
    expect(open.position).toBe(0);
    const close = error('1 AND 2)', 2);
    expect(close.code).toBe('unbalancedParenthesis');
    expect(close.position).toBe(7);
    expect(error('((1)', 1).code).toBe('unbalancedParenthesis');
  });

  it('reports a dangling operator where it is', () => {
    const end = error('1 AND', 2);
    expect(end.code).toBe('danglingOperator');
    expect(end.position).toBe(2);
    expect(end.message).toContain('position 3');
    expect(error('OR 1', 1).code).toBe('danglingOperator');
    expect(error('1 AND OR 2', 2).code).toBe('danglingOperator');
    expect(error('NOT', 1).code).toBe('danglingOperator');
    expect(error('(1 AND)', 1).code).toBe('danglingOperator');
  });

  it('asks for parentheses when AND and OR are mixed', () => {
    const e = error('1 AND 2 OR 3', 3);
    expect(e.code).toBe('mixedOperators');
    expect(e.position).toBe(8);
  });

  it('reports missing operators, empty parentheses and stray characters', () => {
    expect(error('1 2', 2).code).toBe('missingOperator');
    expect(error('()', 1).code).toBe('emptyParentheses');
    const stray = error('1 & 2', 2);
    expect(stray.code).toBe('unexpectedCharacter');
    expect(stray.position).toBe(2);
    expect(error('1 XOR 2', 2).code).toBe('unexpectedCharacter');
  });
});

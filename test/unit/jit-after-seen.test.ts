/**
 * The executor choice: a document runs through graphql-js until it has been seen twice, then
 * through graphql-jit's compiled code, so an ad hoc query (a new document) never pays the
 * compilation and a repeated one does once.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compileAfterSeen, JIT_AFTER_SEEN } from '../../src/http/plugins/use-graphql-jit.js';

describe('compiling a document only once it repeats', () => {
  it('runs a document through graphql-js the first time and through graphql-jit from its second run on', () => {
    const decide = compileAfterSeen(JIT_AFTER_SEEN);
    const document = parse('{ studies(first: 5) { totalCount } }');
    expect([1, 2, 3, 4].map(() => decide({ document }))).toEqual([false, true, true, true]);
  });

  it('counts each parsed document on its own, so a fresh alias is a new document that is not compiled', () => {
    const decide = compileAfterSeen(2);
    const a = parse('{ a: studies(first: 5) { totalCount } }');
    const b = parse('{ b: studies(first: 5) { totalCount } }');
    expect(decide({ document: a })).toBe(false);
    expect(decide({ document: b })).toBe(false);
    expect(decide({ document: a })).toBe(true);
    expect(decide({ document: b })).toBe(true);
  });

  it('waits for as many runs as it is told', () => {
    const decide = compileAfterSeen(3);
    const document = parse('{ studies { totalCount } }');
    expect([decide({ document }), decide({ document }), decide({ document })]).toEqual([false, false, true]);
  });
});

import { describe, expect, it } from 'vitest';
import { luceneQuery } from '../../src/schema/search.js';

describe('the full-text query built from user text', () => {
  it('matches each word whole or as a prefix, all words required', () => {
    expect(luceneQuery('Tumor aneu')).toBe('(tumor^2 OR tumor*) AND (aneu^2 OR aneu*)');
  });

  it('escapes Lucene operators so punctuation in names cannot break the parser', () => {
    expect(luceneQuery('PD-L1 (TC')).toBe('(pd\\-l1^2 OR pd\\-l1*) AND (\\(tc^2 OR \\(tc*)');
  });

  it('is empty for blank input so the API can reject it', () => {
    expect(luceneQuery('   ')).toBe('');
  });
});

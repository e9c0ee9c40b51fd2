import { afterEach, describe, expect, it } from 'vitest';
import { LocalNeo4jError, requireTool } from '../../src/runtime/local-neo4j.js';

const PATH = process.env['PATH'];
afterEach(() => {
  process.env['PATH'] = PATH;
});

describe('the local Neo4j prerequisites', () => {
  it('say what to install, or to set NEO4J_URI, when Maven is missing', () => {
    process.env['PATH'] = '/nonexistent';
    expect(() => requireTool('mvn', ['-v'], 'Maven')).toThrow(LocalNeo4jError);
    expect(() => requireTool('mvn', ['-v'], 'Maven')).toThrow(/Maven was not found.*apt-get install openjdk-17-jdk-headless maven.*NEO4J_URI/s);
  });

  it('pass quietly when the tool answers', () => {
    expect(() => requireTool('node', ['--version'], 'Node')).not.toThrow();
  });
});

/** The analysis fields load their nodes by label: a reference to a node of another label fails the field, it never resolves as the wrong type. */
import DataLoader from 'dataloader';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/db/entities.js';
import { loadNode, loadNodes } from '../../src/schema/analysis-args.js';
import type { Context } from '../../src/schema/context.js';

const nodes = new Map<string, Entity>([
  ['keynote-001', { label: 'Trial', id: 'keynote-001', name: 'KEYNOTE-001', otherIds: [] } as unknown as Entity],
  ['pembro-rt', { label: 'Study', id: 'pembro-rt', shortName: 'PEMBRO-RT' } as unknown as Entity],
]);
// Only the node loader is used by these helpers; the rest of a request's context is not needed.
const ctx = { loaders: { node: new DataLoader<string, Entity | null>(async (ids) => ids.map((id) => nodes.get(id) ?? null)) } } as unknown as Context;

describe('label-checked node loads for analysis answers', () => {
  it('loads a node of the label asked for, and null for a missing id or none', async () => {
    expect((await loadNode(ctx, 'Trial', 'keynote-001'))?.name).toBe('KEYNOTE-001');
    expect(await loadNode(ctx, 'Trial', 'no-such-trial')).toBeNull();
    expect(await loadNode(ctx, 'Trial', null)).toBeNull();
  });

  it('fails naming both labels when the id is a node of another label', async () => {
    await expect(loadNode(ctx, 'Trial', 'pembro-rt')).rejects.toThrow('node "pembro-rt" is a Study, not a Trial');
    await expect(loadNodes(ctx, 'Study', ['pembro-rt', 'keynote-001'])).rejects.toThrow('node "keynote-001" is a Trial, not a Study');
  });

  it('keeps the order of the ids and leaves out ids with no node', async () => {
    expect((await loadNodes(ctx, 'Study', ['gone', 'pembro-rt', 'also-gone'])).map((n) => n.id)).toEqual(['pembro-rt']);
  });
});

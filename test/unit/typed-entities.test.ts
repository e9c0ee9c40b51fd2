import { describe, expect, it } from 'vitest';
import { EntityError, parseEntity, parseRel } from '../../src/db/entities.js';

const finding = {
  id: 'f1',
  statement: 'High TMB predicts benefit.',
  biomarkerState: 'high',
  type: 'PREDICTIVE',
  direction: 'SUPPORTS',
  significance: 'BENEFIT',
  level: 'B',
  exploratory: false,
};

describe('typed entities at the database boundary', () => {
  it('reads a finding into typed fields, with absent lists as empty and absent optionals as undefined', () => {
    const f = parseEntity('Finding', finding);
    expect(f).toMatchObject({ label: 'Finding', id: 'f1', direction: 'SUPPORTS', level: 'B', measures: [] });
    expect(f.schedule).toBeUndefined();
  });

  it('refuses a finding without a direction instead of calling it SUPPORTS', () => {
    const { direction: _gone, ...rest } = finding;
    expect(() => parseEntity('Finding', rest)).toThrow(EntityError);
    expect(() => parseEntity('Finding', rest)).toThrow('Finding "f1" in the graph does not match the model: direction: missing');
  });

  it('refuses an outcome without a measure instead of calling it OS', () => {
    expect(() => parseEntity('Outcome', { id: 'o1', value: 12, unit: 'months' })).toThrow(/Outcome "o1".*measure: missing/);
  });

  it('refuses a value outside the shared vocabulary, naming it', () => {
    expect(() => parseEntity('Arm', { id: 'a1', name: 'A', role: 'CONTROL', schedule: 'SOMETIMES' })).toThrow(/Arm "a1".*schedule/);
  });

  // A registry record lists an arm's interventions without their order: the order stays unknown.
  it('keeps a therapy use without its order unordered instead of calling it first', () => {
    const use = parseRel('RECEIVED', 'arm-1', 'sbrt', { dose: '8 Gy' });
    expect(use.order).toBeUndefined();
    expect(use.dose).toBe('8 Gy');
  });

  it('refuses a therapy use whose order is not a whole number, naming it', () => {
    expect(() => parseRel('RECEIVED', 'arm-1', 'sbrt', { order: 'first' })).toThrow(/RECEIVED "arm-1->sbrt".*order/);
  });
});

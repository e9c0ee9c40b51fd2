/**
 * Canonical text of graph values, so the same content hashes to the same release id on any
 * machine: map keys sorted, integers and floats told apart, temporal values by their ISO text.
 * Values arrive as db/ hands them up (Neo4j integers as objects with low/high words).
 */
export type Canonical = null | boolean | number | string | Canonical[] | { [key: string]: Canonical };

function isNeo4jInteger(v: object): v is { toString(): string } {
  return 'low' in v && 'high' in v && typeof v.low === 'number' && Object.keys(v).length === 2;
}

export function canonical(value: unknown): Canonical {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    // JSON has no NaN/Infinity; Neo4j floats can hold them, so keep them distinguishable.
    return Number.isFinite(value) ? value : `float:${String(value)}`;
  }
  if (typeof value === 'bigint') return `int:${value.toString()}`;
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object') {
    if (isNeo4jInteger(value)) return `int:${value.toString()}`;
    const proto: object | null = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return `${proto.constructor.name}:${String(value)}`;
    const out: { [key: string]: Canonical } = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical(Reflect.get(value, key));
    return out;
  }
  return String(value);
}

/** Plain JS value for output (exports, GraphQL): integers as numbers, the rest as canonical. */
export function plain(value: unknown): Canonical {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && isNeo4jInteger(value)) return Number(value.toString());
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: { [key: string]: Canonical } = {};
    for (const key of Object.keys(value).sort()) out[key] = plain(Reflect.get(value, key));
    return out;
  }
  return canonical(value);
}

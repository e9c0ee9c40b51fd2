// The neighbourhood floor: breadth-first, two hops, at most $limit nodes (the start, then
// neighbours by id, then their neighbours by id), with every relationship among the kept nodes.
// params: $id: string; $limit: int
// columns: view
MATCH (start:Entity {id: $id})
CALL (start) {
  MATCH (start)--(n:Entity)
  WITH DISTINCT n ORDER BY n.id LIMIT toInteger($limit) - 1
  RETURN collect(n) AS ring1
}
CALL (start, ring1) {
  UNWIND ring1 AS p
  MATCH (p)--(n:Entity)
  WHERE n <> start AND NOT n IN ring1
  WITH DISTINCT n ORDER BY n.id LIMIT toInteger($limit)
  RETURN collect(n) AS ring2
}
WITH [start] + ring1 + ring2[..(toInteger($limit) - 1 - size(ring1))] AS kept, size(ring1) + size(ring2) + 1 > toInteger($limit) AS truncated
CALL (kept) {
  UNWIND kept AS a
  MATCH (a)-[r]->(b)
  WHERE b IN kept
  RETURN collect({ id: a.id + '-' + type(r) + '-' + b.id, source: a.id, target: b.id, type: type(r) }) AS edges
}
RETURN {
  truncated: truncated,
  nodes: [n IN kept | { slug: n.id, type: [l IN labels(n) WHERE l <> 'Entity'][0], label: coalesce(n.name, n.shortName, n.statement, n.id) }],
  edges: edges
} AS view

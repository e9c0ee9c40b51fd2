// The neighbourhood floor: breadth-first, two hops, at most $limit nodes (the start, then
// neighbours by id, then their neighbours by id), with the relationships that reached them.
// params: $id: string; $limit: int
// columns: view
MATCH (start:Entity {id: $id})
CALL (start) {
  MATCH (start)-[r]-(n:Entity)
  WITH n, min(elementId(r)) AS rid ORDER BY n.id LIMIT toInteger($limit) - 1
  RETURN collect({ node: n, rel: rid }) AS ring1
}
WITH start, ring1, [x IN ring1 | x.node] + [start] AS seen
CALL (ring1, seen) {
  UNWIND ring1 AS x
  WITH x.node AS p, seen
  MATCH (p)-[r]-(n:Entity)
  WHERE NOT n IN seen
  WITH n, min(elementId(r)) AS rid ORDER BY n.id LIMIT toInteger($limit)
  RETURN collect({ node: n, rel: rid }) AS ring2
}
WITH start, ring1 + ring2[..(toInteger($limit) - 1 - size(ring1))] AS reached, size(ring1) + size(ring2) + 1 > toInteger($limit) AS truncated
RETURN {
  truncated: truncated,
  nodes: [n IN [start] + [x IN reached | x.node] | { slug: n.id, type: [l IN labels(n) WHERE l <> 'Entity'][0], label: coalesce(n.name, n.shortName, n.statement, n.id) }],
  edges: [x IN reached | { id: x.rel }]
} AS view

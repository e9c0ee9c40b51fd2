// One breadth-first step of the neighbourhood view: the neighbours of a frontier, any direction.
// Bounded by the view's size, not by the graph's: each frontier node offers at most $perNode of
// its relationships (the first in storage order, then sorted by type and neighbour id), and the
// frontier is walked in order only until $limit rows are out, so a hub with 100,000
// relationships costs what one with $perNode does. The caller marks the view truncated when a
// node offered $perNode.
// params: $frontier: string[]; $labels: string[] (empty = all); $perNode: int; $limit: int
// columns: i (frontier position), from, to, type, rel (props), neighbour, label, props (of the neighbour)
UNWIND range(0, size($frontier) - 1) AS i
WITH i, $frontier[i] AS key
CALL (key) {
  MATCH (p:Entity {id: key})-[r]-(c:Entity)
  WITH r, c, [l IN labels(c) WHERE l <> 'Entity'][0] AS label
  WHERE size($labels) = 0 OR label IN $labels
  WITH r, c, label LIMIT $perNode
  RETURN r, c, label ORDER BY type(r), c.id
}
RETURN i, startNode(r).id AS from, endNode(r).id AS to, type(r) AS type, properties(r) AS rel,
       c.id AS neighbour, label, properties(c) AS props
LIMIT $limit

// One breadth-first step of the neighbourhood view: the neighbours of a frontier, any direction.
// params: $frontier: string[]; $labels: string[] (empty = all); $limit: int
// columns: from, to, type, rel (props), label, props (of the neighbour)
UNWIND $frontier AS key
MATCH (p:Entity {id: key})-[r]-(c:Entity)
WITH key, r, c, [l IN labels(c) WHERE l <> 'Entity'][0] AS label
WHERE size($labels) = 0 OR label IN $labels
RETURN startNode(r).id AS from, endNode(r).id AS to, type(r) AS type, properties(r) AS rel,
       c.id AS neighbour, label, properties(c) AS props
ORDER BY key, type, c.id
LIMIT $limit

// Deletes up to $limit nodes whose id has the given prefix, with their relationships; the caller
// repeats until it returns 0, so no single transaction holds a whole synthetic graph.
// params: $prefix: string (e.g. "syn-" for every synthetic graph); $limit: int
// columns: removed
MATCH (n:Entity)
WHERE n.id STARTS WITH $prefix
WITH n LIMIT toInteger($limit)
DETACH DELETE n
RETURN count(*) AS removed

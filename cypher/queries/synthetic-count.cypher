// How many nodes carry an id with the given prefix (a synthetic graph's size, 0 when absent).
// params: $prefix: string (e.g. "syn-1-")
// columns: total
MATCH (n:Entity)
WHERE n.id STARTS WITH $prefix
RETURN count(n) AS total

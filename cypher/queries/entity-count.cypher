// How many nodes the graph holds (0 means: seed it on start-up).
// columns: total
MATCH (n:Entity) RETURN count(n) AS total

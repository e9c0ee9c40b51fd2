// Node counts per label and relationship counts per type, for health checks and the seed report.
// columns: kind ('node'|'relationship'), name, count
MATCH (n:Entity)
WITH [l IN labels(n) WHERE l <> 'Entity'][0] AS name, count(*) AS count
RETURN 'node' AS kind, name, count
UNION ALL
MATCH ()-[r]->()
RETURN 'relationship' AS kind, type(r) AS name, count(*) AS count

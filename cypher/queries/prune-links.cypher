// Deletes outgoing relationships of the given types that a node's source file no longer lists.
// params: $rows: [{id: string, keep: string[] ("TYPE>targetId")}]; $types: string[] (types this file owns)
// columns: removed
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})-[r]->(m:Entity)
WHERE type(r) IN $types AND NOT (type(r) + '>' + m.id) IN row.keep
DELETE r
RETURN count(*) AS removed

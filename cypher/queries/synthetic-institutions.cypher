// Synthetic institutions with the source they were read in, one batch.
// params: $rows: [{id: string, props: map (includes id), source: string}]
// columns: none
UNWIND $rows AS row
CREATE (n:Entity:Institution)
SET n = row.props
WITH n, row
MATCH (s:Source {id: row.source})
CREATE (n)-[:SOURCED_FROM]->(s)

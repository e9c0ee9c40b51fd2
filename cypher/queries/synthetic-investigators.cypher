// Synthetic investigators with their affiliation and source, one batch.
// params: $rows: [{id: string, props: map (includes id), institution: string, source: string}]
// columns: none
UNWIND $rows AS row
CREATE (n:Entity:Investigator)
SET n = row.props
WITH n, row
CALL (n, row) {
  MATCH (i:Institution {id: row.institution})
  CREATE (n)-[:AFFILIATED_WITH]->(i)
}
CALL (n, row) {
  MATCH (s:Source {id: row.source})
  CREATE (n)-[:SOURCED_FROM]->(s)
}

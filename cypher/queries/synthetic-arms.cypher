// Synthetic treatment arms with the therapies they received and their sources, one batch.
// params: $rows: [{id, study: string, props: map (includes id), therapies: [{therapy, props: {order, dose?, fractions?}}], sources: string[]}]
// columns: none
UNWIND $rows AS row
MATCH (s:Study {id: row.study})
CREATE (a:Entity:Arm)
SET a = row.props
CREATE (s)-[:HAS_ARM]->(a)
WITH a, row
CALL (a, row) {
  UNWIND row.therapies AS t
  MATCH (th:Therapy {id: t.therapy})
  CREATE (a)-[r:RECEIVED]->(th)
  SET r = t.props
}
CALL (a, row) {
  UNWIND row.sources AS sid
  MATCH (src:Source {id: sid})
  CREATE (a)-[:SOURCED_FROM]->(src)
}

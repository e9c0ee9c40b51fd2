// Synthetic findings with their biomarker, therapies, outcomes, contrasted arms, disease and sources, one batch.
// params: $rows: [{id, study: string, props: map (includes id), biomarker: string, therapies: string[],
//   outcomes: string[], arms: string[], diseases: string[] (0 or 1), sources: string[]}]
// columns: none
UNWIND $rows AS row
MATCH (s:Study {id: row.study})
CREATE (f:Entity:Finding)
SET f = row.props
CREATE (s)-[:HAS_FINDING]->(f)
WITH f, row
CALL (f, row) {
  MATCH (b:Biomarker {id: row.biomarker})
  CREATE (f)-[:ABOUT]->(b)
}
CALL (f, row) {
  UNWIND row.therapies AS tid
  MATCH (t:Therapy {id: tid})
  CREATE (f)-[:INVOLVES]->(t)
}
CALL (f, row) {
  UNWIND row.outcomes AS oid
  MATCH (o:Outcome {id: oid})
  CREATE (f)-[:BASED_ON]->(o)
}
CALL (f, row) {
  UNWIND row.arms AS aid
  MATCH (a:Arm {id: aid})
  CREATE (f)-[:CONTRASTS]->(a)
}
CALL (f, row) {
  UNWIND row.diseases AS did
  MATCH (d:Disease {id: did})
  CREATE (f)-[:IN_DISEASE]->(d)
}
CALL (f, row) {
  UNWIND row.sources AS sid
  MATCH (src:Source {id: sid})
  CREATE (f)-[:SOURCED_FROM]->(src)
}

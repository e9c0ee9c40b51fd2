// Synthetic outcomes: per arm (forArm has one id) or arm-vs-arm comparisons (compares has two), one batch.
// params: $rows: [{id, study: string, props: map (includes id), forArm: string[], compares: [{arm, role}], sources: string[]}]
// columns: none
UNWIND $rows AS row
MATCH (s:Study {id: row.study})
CREATE (o:Entity:Outcome)
SET o = row.props
CREATE (s)-[:REPORTS]->(o)
WITH o, row
CALL (o, row) {
  UNWIND row.forArm AS aid
  MATCH (a:Arm {id: aid})
  CREATE (o)-[:FOR_ARM]->(a)
}
CALL (o, row) {
  UNWIND row.compares AS c
  MATCH (a:Arm {id: c.arm})
  CREATE (o)-[r:COMPARES]->(a)
  SET r.role = c.role
}
CALL (o, row) {
  UNWIND row.sources AS sid
  MATCH (src:Source {id: sid})
  CREATE (o)-[:SOURCED_FROM]->(src)
}

// Synthetic studies with their disease, sources, institutions, authors and trial links, one batch.
// params: $rows: [{id, props: map (includes id), disease: string, sources: string[], institutions: string[],
//   authors: [{investigator, role, position}], trials: [{trial, link, sources: string[]}]}]
// columns: none
UNWIND $rows AS row
CREATE (s:Entity:Study)
SET s = row.props
WITH s, row
CALL (s, row) {
  MATCH (d:Disease {id: row.disease})
  CREATE (s)-[:STUDIES]->(d)
}
CALL (s, row) {
  UNWIND row.sources AS sid
  MATCH (src:Source {id: sid})
  CREATE (s)-[:SOURCED_FROM]->(src)
}
CALL (s, row) {
  UNWIND row.institutions AS iid
  MATCH (i:Institution {id: iid})
  CREATE (s)-[:CONDUCTED_AT]->(i)
}
CALL (s, row) {
  UNWIND row.authors AS a
  MATCH (v:Investigator {id: a.investigator})
  CREATE (v)-[r:AUTHORED]->(s)
  SET r.role = a.role, r.position = a.position
}
CALL (s, row) {
  UNWIND row.trials AS t
  MATCH (tr:Trial {id: t.trial})
  CREATE (s)-[r:ANALYZES]->(tr)
  SET r.link = t.link, r.sources = t.sources
}

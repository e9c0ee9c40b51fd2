// Every therapy with the classes it belongs to through IS_A (itself included), so the import's
// scope guard can tell whether a record's interventions touch radiotherapy or checkpoint blockade.
// params: none
// columns: id, classes: string[]
MATCH (t:Therapy)
OPTIONAL MATCH (t)-[:IS_A*0..]->(c:Therapy)
RETURN t.id AS id, collect(DISTINCT c.id) AS classes
ORDER BY id

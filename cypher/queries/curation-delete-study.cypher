// Removes a study and what it owns (arms, outcomes, findings): the revert of adding it.
// params: $id: string
// columns: removed
MATCH (s:Study {id: $id})
OPTIONAL MATCH (s)-[:HAS_ARM|REPORTS|HAS_FINDING]->(x)
WITH s, collect(x) AS owned
FOREACH (n IN owned | DETACH DELETE n)
DETACH DELETE s
RETURN size(owned) + 1 AS removed

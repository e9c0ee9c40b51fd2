// Removes a study's arms, outcomes and findings that its seed file no longer lists, so a
// re-import makes the graph equal to the file instead of accumulating stale facts.
// params: $study: string; $owned: string[] (ids the file still lists)
// columns: removed
MATCH (:Study {id: $study})-[:HAS_ARM|REPORTS|HAS_FINDING]->(x)
WHERE NOT x.id IN $owned
DETACH DELETE x
RETURN count(*) AS removed

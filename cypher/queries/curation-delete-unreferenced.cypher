// Removes catalog entries nothing points at any more (the revert of adding them); entries still
// referenced by another study stay.
// params: $ids: string[]
// columns: removed
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE NOT EXISTS { (n)<--() }
DETACH DELETE n
RETURN count(*) AS removed

// Imported institutions, investigators, trials and therapies that no record links to any more
// (after an updated record dropped them) are removed; curated nodes are never touched.
// params: none
// columns: removed
MATCH (n:Entity)
WHERE n.importedFrom IS NOT NULL AND NOT n:Source AND NOT n:Study
  AND NOT EXISTS { MATCH (n)-[r]-() WHERE type(r) <> 'SOURCED_FROM' }
DETACH DELETE n
RETURN count(*) AS removed

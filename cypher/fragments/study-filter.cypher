// Fragment: the root-list filters on candidate studies `c`. Composed (db/queries.ts) after a start
// that matches the candidates from the smallest side the filter names, and before a page or count tail.
// Expects therapyClass and fb from study-filter-nodes.cypher: each check walks out from the
// candidate (a few arms or findings) to the filter's nodes.
// params: $yearFrom, $yearTo: int|null; $phase, $kind, $therapy, $biomarker: string|null;
// $text: string|null, lower-cased by the caller, matched against the stored lower-cased title and
// short name (findText, db/list-keys.ts)
WHERE ($yearFrom IS NULL OR c.year >= $yearFrom)
  AND ($yearTo IS NULL OR c.year <= $yearTo)
  AND ($phase IS NULL OR c.phase = $phase)
  AND ($kind IS NULL OR c.kind = $kind)
  AND ($therapy IS NULL OR EXISTS { MATCH (c)-[:HAS_ARM]->(:Arm)-[:RECEIVED]->(t:Therapy) WHERE t IN therapyClass })
  AND ($biomarker IS NULL OR EXISTS { MATCH (c)-[:HAS_FINDING]->(:Finding)-[:ABOUT]->(fb) })
  AND ($text IS NULL OR c.findText CONTAINS toString($text))

// Synthetic registry records, one batch: each a Study of kind REGISTRY_RECORD that ANALYZES its
// pool trial (CONFIRMED, as the ClinicalTrials.gov importer links a record), STUDIES the disease
// its condition maps to, and is sourced to the trial's registry source.
// params: $rows: [{id: string, props: map (includes id), trial: string, disease: string, source: string}]
// columns: none
UNWIND $rows AS row
MATCH (t:Trial {id: row.trial})
MATCH (d:Disease {id: row.disease})
MATCH (src:Source {id: row.source})
CREATE (s:Entity:Study)
SET s = row.props
CREATE (s)-[:ANALYZES {link: 'CONFIRMED', sources: [row.source]}]->(t)
CREATE (s)-[:STUDIES]->(d)
CREATE (s)-[:SOURCED_FROM]->(src)

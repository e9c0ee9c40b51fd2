// The filtered page as a hand-written Cypher would do it: start from the biomarker (the small
// side), keep studies with an arm that received the therapy or a narrower one, count and page.
// params: $therapy: string; $biomarker: string
// columns: page
MATCH (:Biomarker {id: $biomarker})<-[:ABOUT]-(:Finding)<-[:HAS_FINDING]-(s:Study)
WITH DISTINCT s
WHERE EXISTS { MATCH (s)-[:HAS_ARM]->(:Arm)-[:RECEIVED]->(:Therapy)-[:IS_A*0..]->(:Therapy {id: $therapy}) }
WITH s ORDER BY s.year DESC, s.id
WITH collect(s { slug: s.id, .shortName, .year }) AS studies
RETURN { totalCount: size(studies), studies: studies[..20] } AS page

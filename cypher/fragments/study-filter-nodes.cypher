// Fragment: the nodes a studies filter names, found once before the candidates (db/queries.ts):
// therapyClass, the therapy with its IS_A descendants ([] without a therapy filter); fb, the
// biomarker (null when not filtered on, or when no node has that id). No institution: a filter
// naming one always starts from it (db/graph.ts, studyStart), so no candidate is checked for it.
// params: $therapy, $biomarker: string|null
OPTIONAL MATCH (:Therapy {id: $therapy})<-[:IS_A*0..]-(tc:Therapy)
WITH collect(DISTINCT tc) AS therapyClass
OPTIONAL MATCH (fb:Biomarker {id: $biomarker})
WITH therapyClass, fb

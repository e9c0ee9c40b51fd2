// Fragment: the nodes a studies filter names, found once before the candidates (db/queries.ts):
// therapyClass, the therapy with its IS_A descendants ([] without a therapy filter); fb, the
// biomarker; fi, the institution (null when not filtered on, or when no node has that id).
// params: $therapy, $biomarker, $institution: string|null
OPTIONAL MATCH (:Therapy {id: $therapy})<-[:IS_A*0..]-(tc:Therapy)
WITH collect(DISTINCT tc) AS therapyClass
OPTIONAL MATCH (fb:Biomarker {id: $biomarker})
OPTIONAL MATCH (fi:Institution {id: $institution})
WITH therapyClass, fb, fi

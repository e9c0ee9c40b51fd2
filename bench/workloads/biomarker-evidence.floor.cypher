// The one-query floor of biomarkerEvidence: the same qualifying findings (every requested class
// reached through IS_A*, each class's members found once first, as Abscopal's query does), summarised per biomarker in Cypher (findings for and against, best
// level, patients, populations: a confirmed trial, else the study). It does not apply the
// ranking's once-per-population weighting, which is arithmetic on these rows.
// params: $classes: string[] (therapy ids)
// columns: biomarker (rank is the position, not the rule's shared competition rank)
CALL () {
  UNWIND $classes AS cls
  OPTIONAL MATCH (:Therapy {id: cls})<-[:IS_A*0..]-(t:Therapy)
  WITH cls, collect(DISTINCT t) AS members
  RETURN collect(members) AS classSets
}
MATCH (b:Biomarker)<-[:ABOUT]-(f:Finding)<-[:HAS_FINDING]-(s:Study)
WHERE all(members IN classSets WHERE EXISTS { MATCH (f)-[:INVOLVES]->(t:Therapy) WHERE t IN members })
OPTIONAL MATCH (s)-[:ANALYZES {link: 'CONFIRMED'}]->(t:Trial)
WITH b, f, s, coalesce(min(t.id), s.id) AS population
WITH b,
     sum(CASE WHEN f.type = 'PREDICTIVE' AND f.direction = 'SUPPORTS' THEN 1 ELSE 0 END) AS supporting,
     sum(CASE WHEN f.type = 'PREDICTIVE' AND f.direction = 'DOES_NOT_SUPPORT' THEN 1 ELSE 0 END) AS contradicting,
     min(f.level) AS bestLevel,
     sum(coalesce(f.patients, s.enrolled, 0)) AS patients,
     count(DISTINCT population) AS populations
WITH b, supporting - contradicting AS score, supporting, contradicting, bestLevel, patients, populations
ORDER BY score DESC, bestLevel, b.name
WITH collect({ b: b, score: score, supporting: supporting, contradicting: contradicting, bestLevel: bestLevel, patients: patients, populations: populations }) AS ranked
UNWIND range(0, size(ranked) - 1) AS i
WITH i + 1 AS rank, ranked[i] AS x
WITH rank, x.b AS b, x.score AS score, x.supporting AS supporting, x.contradicting AS contradicting, x.bestLevel AS bestLevel, x.patients AS patients, x.populations AS populations
RETURN { rank: rank, score: score, verdict: CASE WHEN supporting + contradicting = 0 THEN 'NO_PREDICTIVE_EVIDENCE' WHEN score <= 0 THEN 'NOT_PREDICTIVE' WHEN contradicting > 0 THEN 'PREDICTIVE_CONTESTED' ELSE 'PREDICTIVE' END,
         bestLevel: bestLevel, patients: patients, populations: populations, biomarker: b { slug: b.id, .name } } AS biomarker

// The finding rows behind biomarkerEvidence, one per qualifying finding: the reference the
// database summary (biomarker-evidence.cypher) is tested against, rule for rule (rank.ts's
// rankBiomarkers over these rows must equal rankSummaries over the summary). Not for requests:
// at size these rows run to six figures.
// params: $classes: string[] (therapy ids); $schedules, $types, $measures: string[]|null; $disease: string|null
// columns: biomarker, finding (props), study (props), trials: ids of trials the study confirmedly analyzes
MATCH (b:Biomarker)<-[:ABOUT]-(f:Finding)<-[:HAS_FINDING]-(s:Study)
WHERE coalesce(f.status, 'ACCEPTED') <> 'RETRACTED'
  AND ($types IS NULL OR f.type IN $types)
  AND ($schedules IS NULL OR f.schedule IN $schedules)
  AND ($measures IS NULL OR any(m IN coalesce(f.measures, []) WHERE m IN $measures))
  AND ($disease IS NULL
       OR EXISTS { MATCH (f)-[:IN_DISEASE]->(:Disease)-[:IS_A*0..]->(:Disease {id: $disease}) }
       OR (NOT EXISTS { MATCH (f)-[:IN_DISEASE]->() }
           AND EXISTS { MATCH (s)-[:STUDIES]->(:Disease)-[:IS_A*0..]->(:Disease {id: $disease}) }))
  AND all(cls IN $classes WHERE EXISTS {
        MATCH (f)-[:INVOLVES]->(:Therapy)-[:IS_A*0..]->(:Therapy {id: cls}) })
OPTIONAL MATCH (s)-[a:ANALYZES {link: 'CONFIRMED'}]->(t:Trial)
WITH b, f, s, collect(t.id) AS trials
RETURN properties(b) AS biomarker, properties(f) AS finding, properties(s) AS study, trials
ORDER BY b.id, f.id

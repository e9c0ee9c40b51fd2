// The trials filter as a hand-written Cypher would do it: resolve the therapy's and the disease's
// IS_A descendants once, keep trials whose registry record recruits and that a CONFIRMED study
// links to both (an arm that received one of the therapies, one of the diseases), page by name.
// params: $therapy: string; $disease: string
// columns: page
MATCH (:Therapy {id: $therapy})<-[:IS_A*0..]-(m:Therapy)
WITH collect(DISTINCT m) AS therapies
MATCH (:Disease {id: $disease})<-[:IS_A*0..]-(d:Disease)
WITH therapies, collect(DISTINCT d) AS diseases
MATCH (rec:Study {kind: 'REGISTRY_RECORD'})-[:ANALYZES]->(t:Trial)
WHERE rec.overallStatus IN ['RECRUITING', 'ENROLLING_BY_INVITATION']
  AND EXISTS { MATCH (t)<-[:ANALYZES {link: 'CONFIRMED'}]-(:Study)-[:HAS_ARM]->(:Arm)-[:RECEIVED]->(x:Therapy) WHERE x IN therapies }
  AND EXISTS { MATCH (t)<-[:ANALYZES {link: 'CONFIRMED'}]-(:Study)-[:STUDIES]->(y:Disease) WHERE y IN diseases }
WITH DISTINCT t, rec
ORDER BY t.sortName, t.id
WITH collect({ nctId: t.nctId, name: t.name, registration: { status: rec.overallStatus, phases: coalesce(rec.phases, []), enrollment: rec.enrolled, countries: coalesce(rec.countries, []) } }) AS trials
RETURN { totalCount: size(trials), trials: trials[..20] } AS page

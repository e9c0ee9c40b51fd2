// "Which biomarkers predict benefit from <therapy classes>?", summarised per biomarker in the
// database (bounded at size: at 100k studies the qualifying findings run to six figures; only one row per
// biomarker leaves Neo4j). The ranking rule (src/evidence/rank.ts) in Cypher:
// - a finding qualifies when, for every requested class, one of its therapies IS_A* that class
//   (each class's members, the class and its IS_A descendants, are found once, first: checking
//   "IS_A* class" per finding walked in from the class for every finding, 2x slower at 1k);
// - its population is its study's confirmed trials (sorted, joined by '+'), else the study;
// - its side: PREDICTIVE and DOES_NOT_SUPPORT is against, other PREDICTIVE is for, the rest other;
// - per population, the strongest finding for and the strongest against count, weighted by level
//   (A 5 … E 1, halved when exploratory); patients per population are the largest figure given
//   (the finding's, else the study's enrolled), over the predictive findings (else the others).
// The order and shared ranks are applied by the caller on these rows.
// params: $classes: string[] (therapy ids); $schedules, $types, $measures: string[]|null; $disease: string|null;
//         $cap: int (ids listed per pile)
// columns: biomarker (props), score: float, populations, supportingCount, contradictingCount,
//          otherCount, studyCount, patients: int|null, bestLevel: string|null,
//          supporting, contradicting, other, studies: ids (at most $cap each, in id order; studies in
//          the order of their first finding's id)
CALL () {
  UNWIND $classes AS cls
  OPTIONAL MATCH (:Therapy {id: cls})<-[:IS_A*0..]-(t:Therapy)
  WITH cls, collect(DISTINCT t) AS members
  RETURN collect(members) AS classSets
}
CALL () {
  OPTIONAL MATCH (:Disease {id: $disease})<-[:IS_A*0..]-(d:Disease)
  RETURN collect(DISTINCT d) AS diseases
}
MATCH (b:Biomarker)<-[:ABOUT]-(f:Finding)<-[:HAS_FINDING]-(s:Study)
WHERE coalesce(f.status, 'ACCEPTED') <> 'RETRACTED'
  AND ($types IS NULL OR f.type IN $types)
  AND ($schedules IS NULL OR f.schedule IN $schedules)
  AND ($measures IS NULL OR any(m IN coalesce(f.measures, []) WHERE m IN $measures))
  AND ($disease IS NULL
       OR EXISTS { MATCH (f)-[:IN_DISEASE]->(d:Disease) WHERE d IN diseases }
       OR (NOT EXISTS { MATCH (f)-[:IN_DISEASE]->() }
           AND EXISTS { MATCH (s)-[:STUDIES]->(d:Disease) WHERE d IN diseases }))
  AND all(members IN classSets WHERE EXISTS { MATCH (f)-[:INVOLVES]->(t:Therapy) WHERE t IN members })
CALL (s) {
  OPTIONAL MATCH (s)-[:ANALYZES {link: 'CONFIRMED'}]->(t:Trial)
  WITH t ORDER BY t.id
  RETURN collect(t.id) AS trials
}
WITH b, f, s,
     CASE WHEN size(trials) = 0 THEN 'study:' + s.id
          ELSE 'trial:' + reduce(acc = '', x IN trials | acc + CASE acc WHEN '' THEN '' ELSE '+' END + x) END AS pop,
     CASE WHEN f.type <> 'PREDICTIVE' THEN 'other' WHEN f.direction = 'DOES_NOT_SUPPORT' THEN 'against' ELSE 'for' END AS side,
     CASE f.level WHEN 'A' THEN 5.0 WHEN 'B' THEN 4.0 WHEN 'C' THEN 3.0 WHEN 'D' THEN 2.0 WHEN 'E' THEN 1.0 ELSE 0.0 END
       / CASE WHEN f.exploratory THEN 2.0 ELSE 1.0 END AS weight,
     coalesce(f.patients, s.enrolled) AS given
WITH b, pop, side <> 'other' AS predictive,
     max(CASE side WHEN 'for' THEN weight END) AS wFor,
     max(CASE side WHEN 'against' THEN weight END) AS wAgainst,
     max(given) AS given,
     min(f.level) AS level,
     collect(CASE side WHEN 'for' THEN f.id END) AS forIds,
     collect(CASE side WHEN 'against' THEN f.id END) AS againstIds,
     collect(CASE side WHEN 'other' THEN f.id END) AS otherIds,
     collect([f.id, s.id]) AS studyIds
WITH b,
     sum(coalesce(wFor, 0.0)) - sum(coalesce(wAgainst, 0.0)) AS score,
     count(CASE WHEN predictive THEN pop END) AS populations,
     sum(CASE WHEN predictive THEN given END) AS patientsPredictive,
     count(CASE WHEN predictive THEN given END) AS givenPredictive,
     sum(CASE WHEN NOT predictive THEN given END) AS patientsOther,
     count(CASE WHEN NOT predictive THEN given END) AS givenOther,
     min(CASE WHEN predictive THEN level END) AS levelPredictive,
     min(CASE WHEN NOT predictive THEN level END) AS levelOther,
     collect(forIds) AS forLists, collect(againstIds) AS againstLists, collect(otherIds) AS otherLists, collect(studyIds) AS studyLists
CALL (forLists) { UNWIND forLists AS l UNWIND l AS id WITH id ORDER BY id RETURN collect(id) AS supporting }
CALL (againstLists) { UNWIND againstLists AS l UNWIND l AS id WITH id ORDER BY id RETURN collect(id) AS contradicting }
CALL (otherLists) { UNWIND otherLists AS l UNWIND l AS id WITH id ORDER BY id RETURN collect(id) AS other }
CALL (studyLists) {
  UNWIND studyLists AS l UNWIND l AS pair
  WITH pair[1] AS study, min(pair[0]) AS firstFinding
  ORDER BY firstFinding
  RETURN collect(study) AS studies
}
WITH b, score, populations, supporting, contradicting, other, studies,
     CASE WHEN populations > 0 THEN CASE WHEN givenPredictive > 0 THEN patientsPredictive END
          ELSE CASE WHEN givenOther > 0 THEN patientsOther END END AS patients,
     CASE WHEN populations > 0 THEN levelPredictive ELSE levelOther END AS bestLevel
RETURN properties(b) AS biomarker, score, populations,
       size(supporting) AS supportingCount, size(contradicting) AS contradictingCount,
       size(other) AS otherCount, size(studies) AS studyCount, patients, bestLevel,
       supporting[..$cap] AS supporting, contradicting[..$cap] AS contradicting,
       other[..$cap] AS other, studies[..$cap] AS studies
ORDER BY b.id

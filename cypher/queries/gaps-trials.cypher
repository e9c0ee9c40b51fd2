// Trials whose studies have an arm receiving every requested class (through IS_A): the arm's
// schedule and the studies' diseases say which cells of the gap map the trial covers; the
// biomarkers its studies reported findings on are its known biomarker focus; its registry record's
// overall status says whether it is recruiting or still active.
// params: $classes: string[] (therapy ids)
// columns: trial, link (CONFIRMED|CANDIDATE), schedule, diseases: string[], biomarkers: string[], status: string|null
// Each class's members (the class and its IS_A descendants) first, once: checked per row, IS_A*
// walked in from the class for every row.
CALL () {
  UNWIND $classes AS cls
  OPTIONAL MATCH (:Therapy {id: cls})<-[:IS_A*0..]-(m:Therapy)
  WITH cls, collect(DISTINCT m) AS members
  RETURN collect(members) AS classSets
}
MATCH (t:Trial)<-[a:ANALYZES]-(s:Study)-[:HAS_ARM]->(arm:Arm)
WHERE all(members IN classSets WHERE EXISTS { MATCH (arm)-[:RECEIVED]->(x:Therapy) WHERE x IN members })
RETURN t.id AS trial, a.link AS link, arm.schedule AS schedule,
       [(s)-[:STUDIES]->(d:Disease) | d.id] AS diseases,
       [(s)-[:HAS_FINDING]->(:Finding)-[:ABOUT]->(b:Biomarker) | b.id] AS biomarkers,
       [(t)<-[:ANALYZES]-(r:Study {kind: 'REGISTRY_RECORD'}) | r.overallStatus][0] AS status
ORDER BY trial

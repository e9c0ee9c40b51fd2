// Trials whose studies have an arm receiving every requested class (through IS_A): the arm's
// schedule and the studies' diseases say which cells of the gap map the trial covers; the
// biomarkers its studies reported findings on are its known biomarker focus.
// params: $classes: string[] (therapy ids)
// columns: trial, link (CONFIRMED|CANDIDATE), schedule, diseases: string[], biomarkers: string[]
MATCH (t:Trial)<-[a:ANALYZES]-(s:Study)-[:HAS_ARM]->(arm:Arm)
WHERE all(cls IN $classes WHERE EXISTS {
        MATCH (arm)-[:RECEIVED]->(:Therapy)-[:IS_A*0..]->(:Therapy {id: cls}) })
RETURN t.id AS trial, a.link AS link, arm.schedule AS schedule,
       [(s)-[:STUDIES]->(d:Disease) | d.id] AS diseases,
       [(s)-[:HAS_FINDING]->(:Finding)-[:ABOUT]->(b:Biomarker) | b.id] AS biomarkers
ORDER BY trial

// Findings whose therapies cover every requested class (through IS_A), with what places them
// in the gap map: schedule (the finding's, else its contrasted arms'), disease (the finding's,
// else its study's), and what weighs them: type, direction, patients, population.
// params: $classes: string[] (therapy ids)
// columns: biomarker, finding, type, direction, schedule, armSchedules: string[],
//          findingDiseases: string[], studyDiseases: string[], study, enrolled, patients,
//          trials: string[] (confirmed trial ids)
// Each class's members (the class and its IS_A descendants) first, once: checked per row, IS_A*
// walked in from the class for every row.
CALL () {
  UNWIND $classes AS cls
  OPTIONAL MATCH (:Therapy {id: cls})<-[:IS_A*0..]-(m:Therapy)
  WITH cls, collect(DISTINCT m) AS members
  RETURN collect(members) AS classSets
}
MATCH (b:Biomarker)<-[:ABOUT]-(f:Finding)<-[:HAS_FINDING]-(s:Study)
WHERE all(members IN classSets WHERE EXISTS { MATCH (f)-[:INVOLVES]->(t:Therapy) WHERE t IN members })
RETURN b.id AS biomarker, f.id AS finding, f.type AS type, f.direction AS direction,
       f.schedule AS schedule,
       [(f)-[:CONTRASTS]->(a:Arm) | a.schedule] AS armSchedules,
       [(f)-[:IN_DISEASE]->(d:Disease) | d.id] AS findingDiseases,
       [(s)-[:STUDIES]->(d:Disease) | d.id] AS studyDiseases,
       s.id AS study, s.enrolled AS enrolled, f.patients AS patients,
       [(s)-[a:ANALYZES]->(t:Trial) WHERE a.link = 'CONFIRMED' | t.id] AS trials
ORDER BY biomarker, finding

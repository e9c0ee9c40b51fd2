// How many trials meet Query.trials' filters (its totalCount): the same conditions as
// trials-page.cypher, without the keyset. Status, recruiting, phase and country are what the trial's registry record
// states; therapy (with its IS_A descendants), disease (with its narrower diseases) and schedule
// are read from every study confirmed to analyse the trial (the record's arms and the curated
// reports alike). A null parameter is no condition.
// params: $text: string|null (lower-cased);
//   $status: string|null; $recruiting: boolean|null; $recruitingStatuses: string[]; $phase: string|null;
//   $country: string|null; $therapy: string|null; $disease: string|null; $schedule: string|null
// columns: total
CALL () {
  OPTIONAL MATCH (:Therapy {id: $therapy})<-[:IS_A*0..]-(m:Therapy)
  RETURN collect(DISTINCT m) AS therapies
}
CALL () {
  OPTIONAL MATCH (:Disease {id: $disease})<-[:IS_A*0..]-(d:Disease)
  RETURN collect(DISTINCT d) AS diseases
}
MATCH (t:Trial)
WHERE ($text IS NULL OR t.findText CONTAINS $text)
OPTIONAL CALL (t) {
  MATCH (t)<-[:ANALYZES]-(rec:Study {kind: 'REGISTRY_RECORD'})
  RETURN rec
  LIMIT 1
}
WITH t, rec, therapies, diseases
WHERE ($status IS NULL OR rec.overallStatus = $status)
  AND ($recruiting IS NULL OR (rec.overallStatus IN $recruitingStatuses) = $recruiting)
  AND ($phase IS NULL OR t.phase = $phase OR $phase IN coalesce(rec.phases, []))
  AND ($country IS NULL OR $country IN coalesce(rec.countries, []))
  AND ($therapy IS NULL OR EXISTS {
    MATCH (t)<-[:ANALYZES {link: 'CONFIRMED'}]-(:Study)-[:HAS_ARM]->(:Arm)-[:RECEIVED]->(x:Therapy) WHERE x IN therapies
  })
  AND ($disease IS NULL OR EXISTS {
    MATCH (t)<-[:ANALYZES {link: 'CONFIRMED'}]-(:Study)-[:STUDIES]->(y:Disease) WHERE y IN diseases
  })
  AND ($schedule IS NULL OR EXISTS {
    MATCH (t)<-[:ANALYZES {link: 'CONFIRMED'}]-(:Study)-[:HAS_ARM]->(:Arm {schedule: $schedule})
  })
RETURN count(t) AS total

// Curated outcomes (no importedFrom) of the studies confirmed to analyse each trial, so a
// registry's posted figures can be set beside them: where both exist and disagree, both stay and
// the run report lists the disagreement.
// params: $nctIds: string[]
// columns: nctId, study, outcome, measure, hr, hrCiLow, hrCiHigh
UNWIND $nctIds AS nct
MATCH (t:Trial {nctId: nct})<-[a:ANALYZES {link: 'CONFIRMED'}]-(s:Study)-[:REPORTS]->(x:Outcome)
WHERE s.importedFrom IS NULL AND x.importedFrom IS NULL AND x.hr IS NOT NULL
RETURN nct AS nctId, s.id AS study, x.id AS outcome, x.measure AS measure, x.hr AS hr, x.hrCiLow AS hrCiLow, x.hrCiHigh AS hrCiHigh
ORDER BY nctId, study, outcome

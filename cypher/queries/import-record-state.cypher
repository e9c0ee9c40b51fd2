// What a registry record's last import left in the graph, for the run report's field-by-field
// changes: the record's own properties, its trial's, and the names of its arms, outcomes and
// linked diseases.
// params: $owners: string[] (the records' Study ids)
// columns: owner, record, trial, arms: string[], outcomes: string[], diseases: string[]
UNWIND $owners AS owner
MATCH (o:Study {id: owner})
OPTIONAL MATCH (o)-[:ANALYZES]->(t:Trial)
WITH owner, o, collect(properties(t))[0] AS trial
RETURN owner, properties(o) AS record, trial,
       [(o)-[:HAS_ARM]->(a:Arm) | a.name] AS arms,
       [(o)-[:REPORTS]->(x:Outcome) | x.id] AS outcomes,
       [(o)-[:STUDIES]->(d:Disease) | d.id] AS diseases

// Which of these ids the graph already has, with their label and, for arms, outcomes and
// findings, the study owning them (a study owns itself): what a submission may refer to or replace.
// params: $ids: string[]
// columns: id, label, study
UNWIND $ids AS id
MATCH (n:Entity {id: id})
OPTIONAL MATCH (s:Study)-[:HAS_ARM|REPORTS|HAS_FINDING]->(n)
RETURN id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label,
       coalesce(s.id, CASE WHEN n:Study THEN n.id END) AS study

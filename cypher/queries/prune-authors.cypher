// Authorship points from investigator to study; the study file owns it, so prune it from there.
// params: $study: string; $authors: string[] (investigator ids the file lists)
// columns: removed
MATCH (:Study {id: $study})<-[r:AUTHORED]-(i:Investigator)
WHERE NOT i.id IN $authors
DELETE r
RETURN count(*) AS removed

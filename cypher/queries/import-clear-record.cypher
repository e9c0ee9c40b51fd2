// Before an updated record is rewritten: removes what its previous import added (relationships
// tagged importedFrom = the record's source, and the arms it created), never curated facts.
// params: $owner: string (the record's Study id); $source: string (the record's Source id)
// columns: done
MATCH (o:Entity {id: $owner})
CALL (o) {
  OPTIONAL MATCH (o)<-[:AUTHORED|LEADS]-(:Investigator)-[r:AFFILIATED_WITH {importedFrom: $source}]->()
  DELETE r
}
CALL (o) {
  OPTIONAL MATCH (o)-[:HAS_ARM]->(arm:Arm {importedFrom: $source})
  DETACH DELETE arm
}
CALL (o) {
  OPTIONAL MATCH (o)-[r {importedFrom: $source}]-()
  DELETE r
}
CALL {
  OPTIONAL MATCH (:Source {id: $source})<-[r:SOURCED_FROM {importedFrom: $source}]-()
  DELETE r
}
RETURN 1 AS done

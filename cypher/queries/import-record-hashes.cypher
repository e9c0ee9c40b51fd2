// The content hash each registry/PubMed record was last written with (null: never imported), so
// a re-import of an unchanged record writes nothing.
// params: $ids: string[] (Source ids of the records)
// columns: id, hash
UNWIND $ids AS id
OPTIONAL MATCH (s:Source {id: id})
RETURN id, s.importHash AS hash

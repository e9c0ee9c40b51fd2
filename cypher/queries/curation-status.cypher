// Curation state of findings and outcomes (absent status = accepted).
// params: $ids: string[]
// columns: id, status, reason
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, n.status AS status, n.statusReason AS reason

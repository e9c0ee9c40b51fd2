// Everything the importers resolve names against: therapies, diseases, institutions and
// investigators with their aliases, trials by NCT id, studies by PMID/DOI. Loaded once per run.
// params: none
// columns: label, id, name, aliasText, nctId, orcid, doi, pmid, importedFrom
MATCH (n:Entity)
WHERE n:Therapy OR n:Disease OR n:Institution OR n:Investigator OR n:Trial OR n:Study
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.id AS id, coalesce(n.name, n.shortName, n.id) AS name,
       n.aliasText AS aliasText, n.nctId AS nctId, n.orcid AS orcid, n.doi AS doi, n.pmid AS pmid,
       n.importedFrom AS importedFrom
ORDER BY label, id

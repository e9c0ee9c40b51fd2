// Provenance properties of nodes by id (for reviewers checking a figure): the quote behind a figure (text and source
// id), a study's analysed count and the quotes of its counts, a source's read-at pages (JSON).
// params: $ids: string[]
// columns: id, quoteText, quoteSource, enrolledQuoteText, enrolledQuoteSource, analysedQuoteText,
//          analysedQuoteSource, analysed, readAtJson, formerIds, doi, pmid, nctId, url
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id,
       n.quoteText AS quoteText, n.quoteSource AS quoteSource,
       n.enrolledQuoteText AS enrolledQuoteText, n.enrolledQuoteSource AS enrolledQuoteSource,
       n.analysedQuoteText AS analysedQuoteText, n.analysedQuoteSource AS analysedQuoteSource,
       n.analysed AS analysed, n.readAtJson AS readAtJson, n.formerIds AS formerIds,
       n.doi AS doi, n.pmid AS pmid, n.nctId AS nctId, n.url AS url

// Filters and orderings the API offers on root lists.
CREATE INDEX study_year IF NOT EXISTS FOR (n:Study) ON (n.year);
CREATE INDEX study_phase IF NOT EXISTS FOR (n:Study) ON (n.phase);
CREATE INDEX investigator_name IF NOT EXISTS FOR (n:Investigator) ON (n.name);
CREATE INDEX finding_type IF NOT EXISTS FOR (n:Finding) ON (n.type);
CREATE INDEX source_doi IF NOT EXISTS FOR (n:Source) ON (n.doi);
CREATE INDEX source_pmid IF NOT EXISTS FOR (n:Source) ON (n.pmid);
// One full-text index over everything a person types into a search box: names, titles,
// aliases (kept as one string, aliasText, because full-text indexes take string properties),
// statements and summaries.
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS
FOR (n:Study|Trial|Institution|Investigator|Disease|Therapy|Biomarker|Finding|Source|Arm)
ON EACH [n.name, n.title, n.shortName, n.aliasText, n.statement, n.summary, n.nctId, n.doi, n.pmid];

// Uniqueness of every node's readable id. :Entity is carried by every node, so an id is unique
// across labels too and one index serves batched "load these ids, whatever their type" queries.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT study_id IF NOT EXISTS FOR (n:Study) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT trial_id IF NOT EXISTS FOR (n:Trial) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT institution_id IF NOT EXISTS FOR (n:Institution) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT investigator_id IF NOT EXISTS FOR (n:Investigator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT disease_id IF NOT EXISTS FOR (n:Disease) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT therapy_id IF NOT EXISTS FOR (n:Therapy) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT arm_id IF NOT EXISTS FOR (n:Arm) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT outcome_id IF NOT EXISTS FOR (n:Outcome) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT biomarker_id IF NOT EXISTS FOR (n:Biomarker) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT finding_id IF NOT EXISTS FOR (n:Finding) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
// External identifiers of studies and trials. Sources are not constrained on doi/pmid on purpose:
// two register entries can be two readings of one paper (a PubMed record and the publisher page).
CREATE CONSTRAINT study_doi IF NOT EXISTS FOR (n:Study) REQUIRE n.doi IS UNIQUE;
CREATE CONSTRAINT study_pmid IF NOT EXISTS FOR (n:Study) REQUIRE n.pmid IS UNIQUE;
CREATE CONSTRAINT trial_nct IF NOT EXISTS FOR (n:Trial) REQUIRE n.nctId IS UNIQUE;

// Root lists page through these: a RANGE index on each listed label's derived sort key
// serves ORDER BY and the keyset seek `sortName > $after`, so page 1000 costs what page 1 costs; a
// TEXT index on the lower-cased name (findText) serves the `name` / `text` filter's CONTAINS
// without scanning the label. The keys are written with every node (src/db/list-keys.ts).
CREATE RANGE INDEX study_sort_name IF NOT EXISTS FOR (n:Study) ON (n.sortName);
CREATE RANGE INDEX trial_sort_name IF NOT EXISTS FOR (n:Trial) ON (n.sortName);
CREATE RANGE INDEX institution_sort_name IF NOT EXISTS FOR (n:Institution) ON (n.sortName);
CREATE RANGE INDEX investigator_sort_name IF NOT EXISTS FOR (n:Investigator) ON (n.sortName);
CREATE RANGE INDEX disease_sort_name IF NOT EXISTS FOR (n:Disease) ON (n.sortName);
CREATE RANGE INDEX therapy_sort_name IF NOT EXISTS FOR (n:Therapy) ON (n.sortName);
CREATE RANGE INDEX biomarker_sort_name IF NOT EXISTS FOR (n:Biomarker) ON (n.sortName);
CREATE RANGE INDEX finding_sort_name IF NOT EXISTS FOR (n:Finding) ON (n.sortName);
CREATE RANGE INDEX source_sort_name IF NOT EXISTS FOR (n:Source) ON (n.sortName);
CREATE RANGE INDEX study_sort_year_asc IF NOT EXISTS FOR (n:Study) ON (n.sortYearAsc);
CREATE RANGE INDEX study_sort_year_desc IF NOT EXISTS FOR (n:Study) ON (n.sortYearDesc);
CREATE TEXT INDEX study_find_text IF NOT EXISTS FOR (n:Study) ON (n.findText);
CREATE TEXT INDEX trial_find_text IF NOT EXISTS FOR (n:Trial) ON (n.findText);
CREATE TEXT INDEX institution_find_text IF NOT EXISTS FOR (n:Institution) ON (n.findText);
CREATE TEXT INDEX investigator_find_text IF NOT EXISTS FOR (n:Investigator) ON (n.findText);
CREATE TEXT INDEX disease_find_text IF NOT EXISTS FOR (n:Disease) ON (n.findText);
CREATE TEXT INDEX therapy_find_text IF NOT EXISTS FOR (n:Therapy) ON (n.findText);
CREATE TEXT INDEX biomarker_find_text IF NOT EXISTS FOR (n:Biomarker) ON (n.findText);
CREATE TEXT INDEX finding_find_text IF NOT EXISTS FOR (n:Finding) ON (n.findText);
CREATE TEXT INDEX source_find_text IF NOT EXISTS FOR (n:Source) ON (n.findText);

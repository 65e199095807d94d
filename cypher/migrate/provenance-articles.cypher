// Provenance, older layout → current: a relationship's `article` (one source for all its evidence) becomes
// `articles`, one source id per evidence sentence, so later articles can add their support beside it.
// Idempotent; run by `guanxi ingest` for every relationship type of the active schema that carries
// provenance. __TYPE__ is a relationship type of that schema (checked and quoted), never input text.
MATCH ()-[r:__TYPE__]->()
WHERE r.article IS NOT NULL AND r.articles IS NULL AND r.evidence IS NOT NULL
CALL (r) {
  SET r.articles = [quote IN r.evidence | r.article]
  REMOVE r.article
} IN TRANSACTIONS OF 10000 ROWS
RETURN count(r) AS migrated

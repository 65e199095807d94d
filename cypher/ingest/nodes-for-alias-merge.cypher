// Nodes of one label by id with all their properties: the targets a reviewed draft merges proposals into
// (their names become aliases), rewritten whole through the ingest writer. __LABEL__ is one of the schema.
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties

// Existing nodes of one label by id, for relationship ends and articles that an input file does not define
// itself: an index seek per id. Run once per label of the active schema; __LABEL__ is replaced with one
// (checked and quoted by core/cypher-files.ts).
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN n.id AS id, labels(n) AS labels, elementId(n) AS key

// Full-text search over names, English names, aliases and pinyin keys (see cypher/schema.cypher).
// $lucene is built from the analyst's text with every Lucene special character escaped (server/routes/search.ts).
CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $candidates})
YIELD node, score
RETURN node AS n, score, COUNT { (node)--() } AS degree
ORDER BY score DESC

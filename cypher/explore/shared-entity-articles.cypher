// The correlation view: the documents (__LABEL__, the schema's document label) that share entities with
// the one of elementId $key. An entity is shared when both documents are linked to it directly (MENTIONS
// in the news model, or whatever type links documents to entities in this database), other documents
// excepted. Most shared first, at most $limit (one more tells the caller there are more).
MATCH (a:__LABEL__) WHERE elementId(a) = $key
MATCH (a)--(e)--(b:__LABEL__)
WHERE b <> a AND NOT e:__LABEL__
WITH b, count(DISTINCT e) AS shared
ORDER BY shared DESC, coalesce(b.title, b.name, b.id), elementId(b)
LIMIT $limit
RETURN b, COUNT { (b)--() } AS degree, shared

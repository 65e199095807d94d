// The evidence of a node's relationships, with the Article each quote comes from; MENTIONS last, capped
// before the articles are looked up.
MATCH (n) WHERE elementId(n) = $key
MATCH (n)-[r]-(m)
WHERE r.evidence IS NOT NULL
WITH r, m ORDER BY type(r) = 'MENTIONS', type(r), coalesce(m.name, m.title, m.id), elementId(r)
LIMIT $limit
OPTIONAL MATCH (a:Article {id: r.article})
RETURN r, m, a

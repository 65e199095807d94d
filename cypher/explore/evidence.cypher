// The evidence of a node's relationships with the Article each quote comes from; MENTIONS last.
MATCH (n)-[r]-(m) WHERE elementId(n) = $key AND r.evidence IS NOT NULL
OPTIONAL MATCH (a:Article {id: r.article})
WITH r, m, a ORDER BY type(r) = 'MENTIONS', type(r), coalesce(m.name, m.title)
LIMIT $limit
RETURN r, m, a

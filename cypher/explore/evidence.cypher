// The relationships of a node that carry evidence, MENTIONS last, capped; their source documents are
// looked up apart (explore/documents-by-id), by the ids in `articles` (or an older `article`).
MATCH (n) WHERE elementId(n) = $key
MATCH (n)-[r]-(m)
WHERE r.evidence IS NOT NULL
WITH r, m ORDER BY type(r) = 'MENTIONS', type(r), coalesce(m.name, m.title, m.id), elementId(r)
LIMIT $limit
RETURN r, m

// Relationships whose two ends are both in $keys (elementIds), capped.
MATCH (a)-[r]->(b)
WHERE elementId(a) IN $keys AND elementId(b) IN $keys
RETURN r
LIMIT $limit

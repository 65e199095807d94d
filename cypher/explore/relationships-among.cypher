// Relationships whose two ends are both in $keys (elementIds), capped: a seek per start node, then
// its relationships, kept when the other end is in the set.
UNWIND $keys AS key
MATCH (a) WHERE elementId(a) = key
MATCH (a)-[r]->(b)
WHERE elementId(b) IN $keys
RETURN r
LIMIT $limit

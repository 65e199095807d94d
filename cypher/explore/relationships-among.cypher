// Relationships whose two ends are both in $keys (elementIds), capped: a seek per start node, then
// its relationships, kept when the other end is in the set. Plain columns, not relationship values:
// the driver decodes a relationship into an object with its own ids and integers, which costs more
// than the Neo4j read at tens of thousands of rows.
UNWIND $keys AS key
MATCH (a) WHERE elementId(a) = key
MATCH (a)-[r]->(b)
WHERE elementId(b) IN $keys
RETURN elementId(r) AS key, type(r) AS type, key AS source, elementId(b) AS target, properties(r) AS properties
LIMIT $limit

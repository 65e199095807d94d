// Every relationship of the database, capped, as plain columns (see relationships-among): the
// overview's read when the whole graph fits its limit, one scan instead of a seek per node.
MATCH (a)-[r]->(b)
RETURN elementId(r) AS key, type(r) AS type, elementId(a) AS source, elementId(b) AS target, properties(r) AS properties
LIMIT $limit

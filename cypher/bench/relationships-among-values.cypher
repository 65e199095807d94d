// The overview's relationships-among read as it was before issue 13, for bench/render-bench.ts's
// baseline: relationship values (the driver decodes each into an object), a seek per node even when
// every node is in the view.
UNWIND $keys AS key
MATCH (a) WHERE elementId(a) = key
MATCH (a)-[r]->(b)
WHERE elementId(b) IN $keys
RETURN r
LIMIT $limit

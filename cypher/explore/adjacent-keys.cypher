// One breadth-first step: the elementIds of nodes one hop from any node in $keys and not in $seen, capped.
UNWIND $keys AS key
MATCH (a) WHERE elementId(a) = key
MATCH (a)--(b)
WITH DISTINCT b
WHERE NOT elementId(b) IN $seen
RETURN elementId(b) AS key
LIMIT $limit

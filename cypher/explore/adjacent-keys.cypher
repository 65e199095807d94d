// The elementIds of every node one hop from any node in $keys, capped (one breadth-first step).
MATCH (a)--(b) WHERE elementId(a) IN $keys
RETURN DISTINCT elementId(b) AS key
LIMIT $limit

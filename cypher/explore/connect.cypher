// "Connect result nodes": the relationships between the nodes in $keys (joining the screen) and those in
// $among (on it, $keys included), without those in $known (already drawn or arriving). One seek per key,
// then its relationships, kept when the other end is in $among; how many there are and the first $limit.
UNWIND $keys AS key
MATCH (a) WHERE elementId(a) = key
MATCH (a)-[r]-(b)
WHERE elementId(b) IN $among AND NOT elementId(r) IN $known
WITH DISTINCT r
ORDER BY elementId(r)
WITH collect(r) AS rels
RETURN size(rels) AS total, rels[0..$limit] AS rels

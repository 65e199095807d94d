// A shortest path between two nodes, ignoring direction, through relationships of the allowed $types
// (null: every type) and around the $excluded nodes (elementIds) and nodes with an $excludedLabels label
// (the ends themselves are never excluded). The predicates are over all of the path's relationships and
// nodes, so Neo4j checks them while it searches (no exhaustive fallback). The bound of the variable-length
// pattern is the request's maxHops, an integer from 1 to 15 checked and put in by server/routes/path.ts
// (a bound cannot be a parameter).
MATCH (a) WHERE elementId(a) = $from
MATCH (b) WHERE elementId(b) = $to
MATCH p = shortestPath((a)-[*..__MAXHOPS__]-(b))
WHERE all(r IN relationships(p) WHERE $types IS NULL OR type(r) IN $types)
  AND all(n IN nodes(p) WHERE n = a OR n = b OR (NOT elementId(n) IN $excluded AND none(l IN labels(n) WHERE l IN $excludedLabels)))
RETURN p

// A shortest path between two nodes, ignoring direction; the route checks its length against maxHops.
MATCH (a) WHERE elementId(a) = $from
MATCH (b) WHERE elementId(b) = $to
MATCH p = shortestPath((a)-[*..15]-(b))
RETURN p

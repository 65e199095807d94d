// A shortest path between two nodes, ignoring direction. The bound of the variable-length pattern is the
// request's maxHops, an integer from 1 to 15 checked and put in by server/routes/path.ts (a bound cannot
// be a parameter).
MATCH (a) WHERE elementId(a) = $from
MATCH (b) WHERE elementId(b) = $to
MATCH p = shortestPath((a)-[*..__MAXHOPS__]-(b))
RETURN p

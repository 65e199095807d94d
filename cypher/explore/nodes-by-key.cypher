// Nodes by elementId, with their degree in the database.
MATCH (n) WHERE elementId(n) IN $keys
RETURN n, COUNT { (n)--() } AS degree

// Nodes by elementId, with their degree in the database. One seek per key (an IN list would scan).
UNWIND $keys AS key
MATCH (n) WHERE elementId(n) = key
RETURN n, COUNT { (n)--() } AS degree

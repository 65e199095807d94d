// One node by elementId, with its degree.
MATCH (n) WHERE elementId(n) = $key
RETURN n, COUNT { (n)--() } AS degree

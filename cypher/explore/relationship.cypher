// One relationship by elementId, with its start and end nodes and their degrees.
MATCH (a)-[r]->(b) WHERE elementId(r) = $key
RETURN r, a, b, COUNT { (a)--() } AS startDegree, COUNT { (b)--() } AS endDegree

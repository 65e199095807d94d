// Every named node the extractor may link a mention to: name, aliases and English name, the role of a
// person (bylines), and the names of the places it is in (a relative name such as 市总工会 is linked only
// in an article that names one of them).
MATCH (n)
WHERE n.id IS NOT NULL AND (n.name IS NOT NULL OR n.nameEn IS NOT NULL)
OPTIONAL MATCH (n)-[:LOCATED_IN|PART_OF]->(place)
WITH n, [p IN collect(DISTINCT place) | p.name] + reduce(acc = [], p IN collect(DISTINCT place) | acc + coalesce(p.aliases, [])) AS places
RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.aliases AS aliases, n.nameEn AS nameEn, n.role AS role, places
ORDER BY id

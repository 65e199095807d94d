// title: All the evidence behind one relationship
// description: Every sentence quoted for the relationships between two entities (by name, alias or id),
// description: with the article each comes from (a fact several articles support lists each).
// param: from = "通武廊"
// param: to = "通州区"
MATCH (a) WHERE $from IN [a.id, a.name, a.nameEn] + coalesce(a.aliases, [])
MATCH (b) WHERE $to IN [b.id, b.name, b.nameEn] + coalesce(b.aliases, [])
MATCH (a)-[r]-(b)
UNWIND range(0, size(r.evidence) - 1) AS i
OPTIONAL MATCH (article:Article {id: r.articles[i]})
RETURN startNode(r).name AS from, type(r) AS relationship, endNode(r).name AS to, r.evidence[i] AS quote,
       article.title AS article, r
ORDER BY relationship, quote

// title: All the evidence behind one relationship
// description: Every sentence quoted for the relationships between two entities (by name, alias or id),
// description: with the article each comes from.
// param: from = "通武廊"
// param: to = "通州区"
MATCH (a) WHERE $from IN [a.id, a.name, a.nameEn] + coalesce(a.aliases, [])
MATCH (b) WHERE $to IN [b.id, b.name, b.nameEn] + coalesce(b.aliases, [])
MATCH (a)-[r]-(b)
OPTIONAL MATCH (article:Article {id: r.article})
UNWIND r.evidence AS quote
RETURN startNode(r).name AS from, type(r) AS relationship, endNode(r).name AS to, quote,
       article.title AS article, r
ORDER BY relationship, quote

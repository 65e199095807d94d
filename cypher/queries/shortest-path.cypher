// title: The shortest path between two organisations
// description: How two organisations (by name, alias or id) are connected through regions, alliances,
// description: designations and events — article mentions left out, up to 10 steps.
// param: from = "廊坊市劳模工匠创新工作室"
// param: to = "市总工会"
// needs: Organisation
MATCH (a:Organisation) WHERE $from IN [a.id, a.name, a.nameEn] + coalesce(a.aliases, [])
MATCH (b:Organisation) WHERE $to IN [b.id, b.name, b.nameEn] + coalesce(b.aliases, [])
MATCH path = shortestPath((a)-[:PART_OF|LOCATED_IN|MEMBER_OF|SPANS|DESIGNATED|ESTABLISHED|ORGANISED|PARTICIPATED_IN|COOPERATES_WITH|GUIDES*..10]-(b))
RETURN [n IN nodes(path) | n.name] AS route, length(path) AS steps, path

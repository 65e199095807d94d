// title: The alliance and what it spans
// description: The regions an alliance covers, each with the province or municipality it belongs to.
// description: The alliance may be given by name, alias (通武廊) or id.
// param: alliance = "通武廊"
// needs: Alliance, Region, SPANS, PART_OF
MATCH (a:Alliance)
WHERE $alliance IN [a.id, a.name, a.nameEn] + coalesce(a.aliases, [])
MATCH spans = (a)-[:SPANS]->(region:Region)
OPTIONAL MATCH within = (region)-[:PART_OF]->(parent:Region)
RETURN a.name AS alliance, region.name AS region, region.nameEn AS regionEn, region.level AS level,
       parent.name AS within, spans, within AS partOf
ORDER BY region.nameEn

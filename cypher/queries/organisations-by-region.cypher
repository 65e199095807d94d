// title: Organisations by region
// description: Organisations located in a region or in any region that is part of it (北京市 takes in
// description: its districts), with their kind.
// param: region = "北京市"
// needs: Organisation, Region, LOCATED_IN, PART_OF
MATCH (region:Region)
WHERE $region IN [region.id, region.name, region.nameEn] + coalesce(region.aliases, [])
MATCH located = (o:Organisation)-[:LOCATED_IN]->(place:Region)-[:PART_OF*0..3]->(region)
RETURN o.name AS organisation, o.nameEn AS nameEn, o.kind AS kind, place.name AS locatedIn, located
ORDER BY kind, organisation

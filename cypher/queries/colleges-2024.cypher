// title: The colleges designated in 2024
// description: Organisations designated 首都工匠学院 (Capital Craftsman College) in a year, who designated
// description: them, and where they are.
// param: year = 2024
// param: title = "首都工匠学院"
// needs: Organisation, Region, DESIGNATED, LOCATED_IN
MATCH designated = (by:Organisation)-[d:DESIGNATED]->(college:Organisation)
WHERE d.year = $year AND d.title = $title
OPTIONAL MATCH located = (college)-[:LOCATED_IN]->(region:Region)
RETURN college.name AS college, college.nameEn AS nameEn, college.kind AS kind, region.name AS region,
       by.name AS designatedBy, designated, located
ORDER BY nameEn

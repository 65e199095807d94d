// title: Who reported which story
// description: Every reporter and photographer, the story they wrote or shot, and its section.
// needs: Person, Article, REPORTED
MATCH reported = (person:Person)-[r:REPORTED]->(article:Article)
RETURN person.name AS reporter, person.nameEn AS reporterEn, r.role AS role, article.title AS story,
       article.section AS section, reported
ORDER BY story

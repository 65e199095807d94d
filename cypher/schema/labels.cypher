// Every label the database holds (from its token store).
CALL db.labels() YIELD label
RETURN collect(label) AS labels

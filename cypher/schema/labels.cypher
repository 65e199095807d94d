// Every label that nodes hold now (db.labels() may still list a label whose last node was deleted).
CALL db.labels() YIELD label
WITH label WHERE EXISTS { MATCH (n:$(label)) }
RETURN collect(label) AS labels
